// Desa/kelurahan select follows the kecamatan select. Without JavaScript the desa list is still
// usable (grouped by kecamatan) and the server checks that the two agree.
(function () {
  document.querySelectorAll("select[data-dependent-on]").forEach(function (desa) {
    var kecamatan = document.getElementById(desa.dataset.dependentOn);
    if (!kecamatan) return;
    var groups = Array.prototype.slice.call(desa.querySelectorAll("optgroup"));
    function sync() {
      var chosen = kecamatan.options[kecamatan.selectedIndex];
      var label = chosen && chosen.value ? chosen.text : null;
      groups.forEach(function (group) {
        var show = label === null || group.label === label;
        group.hidden = !show;
        group.disabled = !show;
      });
      var selected = desa.options[desa.selectedIndex];
      if (selected && selected.parentElement.tagName === "OPTGROUP" && selected.parentElement.disabled) {
        desa.value = "";
      }
      var outside = document.getElementById("div_id_domicile_outside");
      if (outside) outside.hidden = label !== null;
    }
    kecamatan.addEventListener("change", sync);
    sync();
  });
})();

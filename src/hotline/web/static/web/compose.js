/* The compose page: the intelligence picker searches without reloading the page (the form keeps its files),
   new-intelligence rows can be added, their fields follow the chosen type, and the language of the text is
   suggested. Without JavaScript the same form works by reloading (the "Find" button). */
(function () {
  "use strict";
  var form = document.getElementById("compose-form");
  if (!form) { return; }
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var invalid = form.querySelector("[aria-invalid=true]");
  if (invalid) { invalid.focus(); }  // after a refused send, start at the first field to correct

  // --- the intelligence picker ---
  var choices = document.getElementById("intel-choices");
  var status = document.getElementById("intel-status");
  var query = form.elements["intel_query"], kind = form.elements["intel_type"];
  function shown(id) {
    return Array.prototype.some.call(choices.querySelectorAll("input[name=intel_refs]"),
      function (box) { return box.value === id; });
  }
  function addChoice(result) {
    if (shown(result.id)) { return; }
    var n = choices.querySelectorAll("input").length;
    var div = document.createElement("div"), box = document.createElement("input"), lab = document.createElement("label");
    div.className = "choice";
    box.type = "checkbox"; box.name = "intel_refs"; box.value = result.id; box.id = "id_intel_refs_js" + n;
    lab.htmlFor = box.id; lab.textContent = result.label;
    if (result.description) { lab.title = result.description; }
    div.appendChild(box); div.appendChild(document.createTextNode(" ")); div.appendChild(lab);
    choices.appendChild(div);
  }
  function find() {
    var url = form.dataset.pickerUrl + "?q=" + encodeURIComponent(query.value) + "&type=" + encodeURIComponent(kind.value);
    status.textContent = "…";
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        // Drop earlier results nobody ticked, then show these.
        choices.querySelectorAll("input[name=intel_refs]").forEach(function (box) {
          if (!box.checked) { box.parentNode.remove(); }
        });
        data.results.forEach(addChoice);
        status.textContent = data.results.length ? "" : status.dataset.none;
      })
      .catch(function () { status.textContent = status.dataset.failed; });
  }
  form.addEventListener("submit", function (event) {
    // The "Find" button (also what Enter in a text field presses) searches in place.
    if (event.submitter && event.submitter.name === "find_intel") { event.preventDefault(); find(); }
  });

  // --- new intelligence rows ---
  var rows = document.getElementById("new-intel-forms");
  var total = form.elements["new-TOTAL_FORMS"], max = parseInt(form.elements["new-MAX_NUM_FORMS"].value, 10);
  var template = document.getElementById("new-intel-template");
  var add = document.getElementById("add-intel");
  function follow(row) {
    var select = row.querySelector("select[name$='-type']");
    function update() {
      row.querySelectorAll("[data-types]").forEach(function (part) {
        part.hidden = !select.value || part.dataset.types.split(" ").indexOf(select.value) < 0;
      });
    }
    select.addEventListener("change", update);
    update();
  }
  rows.querySelectorAll(".new-intel").forEach(follow);
  add.hidden = false;
  add.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    if (index >= max) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.replace(/__prefix__/g, index);
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = index + 1;
    follow(row);
    row.querySelector("select").focus();
    if (index + 1 >= max) { add.hidden = true; }
  });

  // --- language suggestion ---
  var language = form.elements["language"], note = document.getElementById("language-detected");
  var body = form.elements["body"], subject = form.elements["subject"];
  var chosen = false;
  language.addEventListener("change", function () { chosen = true; });
  function detect() {
    var text = (subject.value + "\n" + body.value).trim();
    if (chosen || text.length < 12) { return; }
    var data = new FormData();
    data.append("text", text);
    fetch(form.dataset.detectUrl, { method: "POST", body: data, credentials: "same-origin",
                                     headers: { "X-CSRFToken": csrf } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (found) {
        if (!found || chosen) { return; }
        language.value = found.language;
        note.textContent = found.label ? note.dataset.template.replace("%s", found.label) : "";
      })
      .catch(function () {});
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(detect, 800); }
  [body, subject].forEach(function (field) {
    field.addEventListener("change", detect);
    field.addEventListener("input", later);
  });
})();

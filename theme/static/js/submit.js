/* The /submit/ form: checks the answers with the schemas' own limits (sent by the page in
   #submit-config, with the site's languages), writes the record's YAML the way
   cities4cities/contribute/newrecord.py writes it, and builds the link to GitHub's issue form
   prefilled with the answers, the way cities4cities/contribute/issues.py reads them. No library,
   no request to any other host: GitHub is only opened when the contributor presses the button. */
(function () {
  "use strict";

  var configElement = document.getElementById("submit-config");
  if (!configElement || !window.URLSearchParams) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var M = config.messages;
  var section = document.getElementById("submit-form");
  var result = document.getElementById("result");
  var rowCounter = 0;
  var checkCounter = 0;
  var objectUrl = null;
  var pageTitle = document.title;
  var loading = {};

  function format(template, params) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      return params[name] === undefined ? "" : String(params[name]);
    });
  }

  // -- dates (UTC, as the validator counts them) ----------------------------------------------

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  function today() {
    return isoDay(new Date());
  }

  function addDays(day, days) {
    var date = new Date(day + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() + days);
    return isoDay(date);
  }

  function oneYearAfter(day) {
    if (day.slice(5) === "02-29") {
      return addDays(day, 365);
    }
    return String(Number(day.slice(0, 4)) + 1) + day.slice(4);
  }

  function realDate(text) {
    var date = new Date(text + "T00:00:00Z");
    return !isNaN(date.getTime()) && isoDay(date) === text;
  }

  // -- reading answers (as cities4cities/contribute/answers.py reads them) --------------------

  function clean(raw) {
    return raw
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map(function (line) { return line.replace(/\s+$/u, ""); })
      .join("\n")
      .trim();
  }

  function length(text) {
    return Array.from(text).length;
  }

  function grouped(number) {
    return number.toLocaleString("en-GB");
  }

  function checkText(field, text) {
    if (field.maxLength !== undefined && length(text) > field.maxLength) {
      return format(M.too_long, { length: grouped(length(text)), limit: grouped(field.maxLength) });
    }
    if (field.pattern && !new RegExp(field.pattern, "u").test(text)) {
      var shown = length(text) > 80 ? Array.from(text).slice(0, 79).join("") + "…" : text;
      return format(M.expected, { value: shown, expected: field.expected });
    }
    if (field.widget === "date" && !realDate(text)) {
      return format(M.real_date, { value: text });
    }
    return null;
  }

  function readNumber(field, text) {
    var compact = text.replace(/[\s'_\u00a0\u202f]/gu, "");
    var number;
    if (field.integer) {
      number = /^[+-]?\d+$/.test(compact) ? Number(compact) : NaN;
    } else {
      compact = compact.replace(",", ".");
      number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(compact) ? Number(compact) : NaN;
    }
    if (!isFinite(number)) {
      return { error: field.integer ? M.whole : M.number };
    }
    var shown = { value: String(number) };
    if (field.exclusiveMinimum !== undefined && number <= field.exclusiveMinimum) {
      return { error: format(M.not_more, Object.assign(shown, { limit: field.exclusiveMinimum })) };
    }
    if (field.minimum !== undefined && number < field.minimum) {
      return { error: format(M.too_small, Object.assign(shown, { limit: field.minimum })) };
    }
    if (field.maximum !== undefined && number > field.maximum) {
      return { error: format(M.too_large, Object.assign(shown, { limit: field.maximum })) };
    }
    return { value: number };
  }

  function readScalar(field, raw) {
    var text = clean(raw);
    if (!text && field.default !== undefined) {
      text = String(field.default);
    }
    if (!text) {
      return field.required ? { error: M.required } : { value: null, text: "" };
    }
    if (field.widget === "number" || field.widget === "integer") {
      var read = readNumber(field, text);
      read.text = text;
      return read;
    }
    if (field.widget !== "text" && text.indexOf("\n") !== -1) {
      return { error: M.one_line };
    }
    var error = checkText(field, text);
    if (!error && field.key === "review_by") {
      error = reviewError(text);
    }
    return error ? { error: error } : { value: text, text: text };
  }

  function reviewError(text) {
    var now = today();
    if (text <= now) {
      return M.review_after;
    }
    var limit = oneYearAfter(now);
    return text > limit ? format(M.review_within, { limit: limit }) : null;
  }

  // -- the form's controls --------------------------------------------------------------------

  function controlOf(scope, key) {
    return scope.querySelector('[data-key="' + key + '"]:not(fieldset)');
  }

  function showError(control, message) {
    if (!control) {
      return;
    }
    var box = control.closest("fieldset.choices, fieldset.rows, .field") || control.parentNode;
    var note = box.querySelector(":scope > .field-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "field-error";
      note.id = (control.id || "field") + "-error";
      var label = box.querySelector(":scope > label, :scope > legend");
      box.insertBefore(note, label ? label.nextSibling : box.firstChild);
    }
    note.textContent = message;
    var details = control.closest("details");
    if (details) {
      details.open = true; // "More details" opens on its own errors
    }
    var inputs = control.matches("input, select, textarea") ? [control] : [];
    if (!inputs.length) {
      inputs = Array.prototype.slice.call(control.querySelectorAll("input"), 0, 1);
    }
    inputs.forEach(function (input) {
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(note.id) === -1) {
        input.setAttribute("aria-describedby", described.concat(note.id).join(" ").trim());
      }
    });
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-error").forEach(function (note) { note.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && !/-error$/.test(id);
      });
      if (described.length) {
        input.setAttribute("aria-describedby", described.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    });
  }

  function readChoices(form, field, errors) {
    var boxes = Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][data-key="' + field.key + '"]:checked')
    );
    boxes.sort(function (a, b) { return Number(a.dataset.order || 0) - Number(b.dataset.order || 0); });
    var values = boxes.map(function (box) { return box.value; });
    var fieldset = form.querySelector('fieldset[data-key="' + field.key + '"]');
    if (!values.length && field.required) {
      errors.push([fieldset, M.required]);
    } else if (values.length && field.minItems && values.length < field.minItems) {
      errors.push([fieldset, format(M.at_least, { limit: field.minItems })]);
    } else if (field.maxItems !== undefined && values.length > field.maxItems) {
      errors.push([fieldset, format(M.at_most, { limit: field.maxItems })]);
    }
    return values;
  }

  function readList(form, field, errors) {
    var control = controlOf(form, field.key);
    var text = clean(control.value);
    if (!text) {
      if (field.required) {
        errors.push([control, M.required]);
      }
      return [];
    }
    var values = [];
    text.split(/[,;\n]+/).forEach(function (part) {
      part = part.trim();
      if (!part) {
        return;
      }
      var error = checkText(field, part);
      if (error) {
        errors.push([control, error]);
      } else if (values.indexOf(part) === -1) {
        values.push(part);
      }
    });
    return values;
  }

  function readRows(form, field, errors, answers) {
    var rows = [];
    var lines = [];
    form.querySelectorAll('[data-rows="' + field.key + '"] > li').forEach(function (li) {
      var values = {};
      var cells = field.columns.map(function (column) {
        return clean(controlOf(li, column.key).value).replace(/\s+/g, " ").replace(/\|/g, "/");
      });
      if (!cells.some(Boolean)) {
        return; // an empty line is no line
      }
      field.columns.forEach(function (column, index) {
        var read = readScalar(column, cells[index]);
        if (read.error) {
          errors.push([controlOf(li, column.key), read.error]);
        } else if (read.value !== null) {
          values[column.key] = read.value;
        }
      });
      requiredTexts(field.columns, values).forEach(function (key) {
        errors.push([controlOf(li, key + "." + config.languages[0]), format(M.one_language, { languages: M.languages })]);
      });
      while (cells.length && !cells[cells.length - 1]) {
        cells.pop();
      }
      rows.push(assemble(field.columns, values));
      lines.push("- " + cells.join(" | "));
    });
    answers[field.id] = lines.join("\n");
    return rows;
  }

  function requiredTexts(fields, values) {
    var missing = [];
    fields.forEach(function (field) {
      if (field.language && field.textRequired && missing.indexOf(field.textKey) === -1) {
        var written = fields.some(function (other) {
          return other.textKey === field.textKey && other.language && values[other.key] !== undefined;
        });
        if (!written) {
          missing.push(field.textKey);
        }
      }
    });
    return missing;
  }

  function assemble(fields, values) {
    var record = {};
    fields.forEach(function (field) {
      if (values[field.key] === undefined) {
        return;
      }
      var path = field.key.split(".");
      var target = record;
      path.slice(0, -1).forEach(function (part) {
        target[part] = target[part] || {};
        target = target[part];
      });
      target[path[path.length - 1]] = values[field.key];
    });
    return record;
  }

  function collect(form, kind) {
    var answers = {};
    var values = {};
    var errors = [];
    kind.fields.forEach(function (field) {
      var value;
      if (field.widget === "choices") {
        value = readChoices(form, field, errors);
        answers[field.id] = value.join(", ");
      } else if (field.widget === "list") {
        value = readList(form, field, errors);
        answers[field.id] = value.join(", ");
      } else if (field.widget === "rows") {
        value = readRows(form, field, errors, answers);
      } else {
        var control = controlOf(form, field.key);
        var read = readScalar(field, control.value);
        answers[field.id] = read.text || "";
        if (read.error) {
          errors.push([control, read.error]);
        }
        value = read.value;
      }
      if (value !== null && value !== undefined && !(Array.isArray(value) && !value.length)) {
        values[field.key] = value;
      }
    });
    requiredTexts(kind.fields, values).forEach(function (key) {
      errors.push([controlOf(form, key + "." + config.languages[0]), format(M.one_language, { languages: M.languages })]);
    });
    var record = assemble(kind.fields, values);
    kind.today.forEach(function (name) { record[name] = today(); });
    var ordered = {};
    kind.order.forEach(function (name) {
      if (record[name] !== undefined) {
        ordered[name] = record[name];
      }
    });
    return { answers: answers, record: ordered, errors: errors };
  }

  // -- YAML (as cities4cities/contribute/newrecord.py writes it) ------------------------------

  // A text written without quotes: a lowercase word that YAML 1.1 reads as nothing else.
  // Narrower than an id, which may start with a digit (2026 unquoted is a number).
  var UNQUOTED = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
  var YAML11_WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
  var NOT_IN_BLOCK = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

  function scalar(value) {
    if (typeof value === "boolean") {
      return value ? "true" : "false";
    }
    if (typeof value === "number") {
      return String(value);
    }
    if (UNQUOTED.test(value) && YAML11_WORDS.indexOf(value) === -1) {
      return value;
    }
    return JSON.stringify(value)
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029")
      .replace(/\u0085/g, "\\u0085")
      .replace(/[\u007f-\u009f]/g, function (c) { return "\\u00" + c.charCodeAt(0).toString(16); });
  }

  function scalarLines(start, value, indent) {
    if (typeof value === "string" && value.indexOf("\n") !== -1 && !NOT_IN_BLOCK.test(value)) {
      var pad = " ".repeat(indent);
      return [start + "|-"].concat(value.split("\n").map(function (line) {
        return line ? pad + line : "";
      }));
    }
    return [start + scalar(value)];
  }

  function mappingLines(data, indent) {
    var pad = " ".repeat(indent);
    var lines = [];
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (Array.isArray(value)) {
        lines.push(pad + key + ":");
        lines = lines.concat(sequenceLines(value, indent + 2));
      } else if (value !== null && typeof value === "object") {
        lines.push(pad + key + ":");
        lines = lines.concat(mappingLines(value, indent + 2));
      } else {
        lines = lines.concat(scalarLines(pad + key + ": ", value, indent + 2));
      }
    });
    return lines;
  }

  function sequenceLines(values, indent) {
    var pad = " ".repeat(indent);
    var lines = [];
    values.forEach(function (value) {
      if (value !== null && typeof value === "object") {
        var inner = mappingLines(value, indent + 2);
        lines.push(pad + "- " + inner[0].replace(/^\s+/, ""));
        lines = lines.concat(inner.slice(1));
      } else {
        lines = lines.concat(scalarLines(pad + "- ", value, indent + 2));
      }
    });
    return lines;
  }

  function toYaml(kind, record) {
    return [kind.schemaHeader].concat(mappingLines(record, 0)).join("\n") + "\n";
  }

  // -- ids (as cities4cities/contribute/ids.py makes them) ------------------------------------

  function transliterate(text) {
    var lower = text.toLowerCase().replace(/зг/g, "zgh");
    var chars = Array.from(lower);
    return chars.map(function (char, index) {
      var atStart = index === 0 || !/\p{L}/u.test(chars[index - 1]);
      if (atStart && config.wordStart[char] !== undefined) {
        return config.wordStart[char];
      }
      return config.transliteration[char] !== undefined ? config.transliteration[char] : char;
    }).join("");
  }

  function slug(text) {
    var ascii = transliterate(text).normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    var words = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    var limit = config.slugLength;
    if (words.length <= limit) {
      return words;
    }
    var head = words.slice(0, limit);
    var cut = head.indexOf("-") !== -1 ? words.slice(0, limit + 1).replace(/-[^-]*$/, "") : head;
    return cut.replace(/^-+|-+$/g, "");
  }

  function newId(prefix, title, taken) {
    var base = [prefix, slug(title)].filter(Boolean).join("-") || "record";
    base = base.slice(0, config.maxIdLength - 4).replace(/^-+|-+$/g, "");
    var candidate = base;
    var number = 1;
    while (taken.indexOf(candidate) !== -1) {
      number += 1;
      candidate = base + "-" + number;
    }
    return candidate;
  }

  // The text in the first of the site's languages it is written in, else in any.
  function firstText(texts) {
    var language = config.languages.filter(function (code) { return texts[code]; })[0];
    return texts[language || Object.keys(texts)[0]] || "";
  }

  // What names a record in its id and its issue's title: a city's name, a pledge's need (its
  // id starts with the pledging city's), a partnership's second city (its id starts with the
  // first's), the title of a need or an offer.
  function naming(kindName, record) {
    if (kindName === "city") {
      return record.name || {};
    }
    if (kindName === "partnership") {
      return { partner: (record.cities || [])[1] || "" };
    }
    return kindName === "pledge" ? { need: record.need || "" } : record.title || {};
  }

  function recordId(kindName, record, taken) {
    var prefix = record.city || "";
    if (kindName === "city") {
      prefix = String(record.country || "").toLowerCase();
    } else if (kindName === "partnership") {
      prefix = (record.cities || [])[0] || "";
    }
    return newId(prefix, firstText(naming(kindName, record)), taken);
  }

  // -- links to GitHub ------------------------------------------------------------------------

  function issueLink(kindName, kind, answers, record) {
    var base = "https://github.com/" + config.repository + "/issues/new?";
    var texts = naming(kindName, record);
    var params = [
      ["template", kind.template],
      ["title", kind.titleWord + ": " + (texts[config.language] || firstText(texts))],
      [config.replyId, config.language],
    ];
    kind.answerIds.forEach(function (id) {
      if (answers[id]) {
        params.push([id, answers[id]]);
      }
    });
    var leftOut = [];
    function build() {
      return base + new URLSearchParams(params).toString();
    }
    var url = build();
    while (url.length > config.urlLimit) {
      var longest = 3;
      params.forEach(function (param, index) {
        if (index > 2 && param[1].length > params[longest][1].length) {
          longest = index;
        }
      });
      leftOut.push(params[longest]);
      params.splice(longest, 1);
      url = build();
    }
    return { url: url, leftOut: leftOut };
  }

  function newFileLink(kind, id, yaml) {
    var base = "https://github.com/" + config.repository + "/new/" + config.branch + "/content/" + kind.folder;
    var withText = base + "?" + new URLSearchParams([["filename", id + ".yaml"], ["value", yaml]]).toString();
    if (withText.length <= config.urlLimit) {
      return { url: withText, full: true };
    }
    return { url: base + "?" + new URLSearchParams([["filename", id + ".yaml"]]).toString(), full: false };
  }

  // -- showing the result ---------------------------------------------------------------------

  // The answers the link could not carry, each under its heading in the issue ("### Label"),
  // to paste whole into the issue's last field: the check takes them for the questions left
  // empty there (contribute/issues.py), so nothing is lost however long the answers are.
  function showLeftOut(kind, leftOut) {
    var box = document.getElementById("left-out");
    box.hidden = !leftOut.length;
    box.querySelector("[data-left-out-text]").textContent = M.left_out;
    document.getElementById("copy-left-out-status").textContent = "";
    document.getElementById("left-out-answers").value = leftOut.map(function (param) {
      var field = kind.fields.filter(function (f) { return f.id === param[0]; })[0];
      return "### " + (field ? field.issueLabel : param[0]) + "\n\n" + param[1];
    }).join("\n\n");
  }

  function show(kindName, kind, collected, issue, taken) {
    var record = collected.record;
    var id = recordId(kindName, record, taken);
    var yaml = toYaml(kind, record);
    var file = newFileLink(kind, id, yaml);
    document.getElementById("issue-link").href = issue.url;
    document.getElementById("result-path").textContent = "content/" + kind.folder + "/" + id + ".yaml";
    document.getElementById("result-yaml").textContent = yaml;
    var download = document.getElementById("download-yaml");
    if (objectUrl) {
      URL.revokeObjectURL(objectUrl);
    }
    objectUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    download.href = objectUrl;
    download.setAttribute("download", id + ".yaml");
    document.getElementById("new-file-link").href = file.url;
    var note = document.getElementById("new-file-note");
    note.hidden = file.full;
    note.textContent = file.full ? "" : M.paste_file;
    document.getElementById("copy-status").textContent = "";
    showLeftOut(kind, issue.leftOut);
    result.hidden = false;
  }

  // -- the error summary (the GOV.UK pattern): what is wrong, each linked to its question ------

  function labelText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".optional, .field-error").forEach(function (part) { part.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // A question's name in the summary: its label, within its text ("Title (in English)"), its
  // line of a list ("Items, Line 1: Quantity") and its group ("Contact: E-mail").
  function questionName(control, wholeText) {
    var own = control.matches("fieldset")
      ? control.querySelector(":scope > legend")
      : document.querySelector('label[for="' + control.id + '"]') || control.closest("label");
    var name = own ? labelText(own).replace(/[.:]$/, "") : "";
    var text = control.closest("fieldset.texts");
    if (text) {
      var legend = labelText(text.querySelector(":scope > legend"));
      name = wholeText ? legend : legend + " (" + name + ")";
    }
    var row = control.closest("li.row");
    if (row) {
      var list = row.closest("fieldset.rows").querySelector(":scope > legend");
      name = labelText(list) + ", " + labelText(row.querySelector(".row-legend")) + ": " + name;
    }
    var group = control.closest("fieldset.group");
    return group ? labelText(group.querySelector(":scope > legend")) + ": " + name : name;
  }

  function focusQuestion(control) {
    var details = control.closest("details");
    if (details) {
      details.open = true;
    }
    var input = control.matches("input, select, textarea") ? control : control.querySelector("input, select, textarea");
    var box = control.closest("fieldset.choices, fieldset.rows, fieldset.texts, .field") || control;
    box.scrollIntoView();
    input.focus({ preventScroll: true });
  }

  function showSummary(form, errors) {
    var summary = form.querySelector(".error-summary");
    var list = summary.querySelector(".error-list");
    list.textContent = "";
    errors.forEach(function (error) {
      var link = document.createElement("a");
      var target = error[0];
      link.href = "#" + target.id;
      link.textContent = questionName(target, error[1] === format(M.one_language, { languages: M.languages })) + ": " + error[1];
      link.addEventListener("click", function (event) {
        event.preventDefault();
        focusQuestion(target);
      });
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = !errors.length;
    document.title = errors.length ? M.error_title + " " + pageTitle : pageTitle;
    if (errors.length) {
      summary.scrollIntoView();
      summary.focus({ preventScroll: true });
    }
  }

  // One error per question (its last, as its note shows), in the order of the form.
  function inFormOrder(errors) {
    var controls = [];
    var messages = [];
    errors.forEach(function (error) {
      var index = controls.indexOf(error[0]);
      if (index === -1) {
        controls.push(error[0]);
        messages.push(error[1]);
      } else {
        messages[index] = error[1];
      }
    });
    var order = controls.map(function (control, index) { return index; });
    order.sort(function (a, b) {
      return controls[a].compareDocumentPosition(controls[b]) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return order.map(function (index) { return [controls[index], messages[index]]; });
  }

  // -- the lists the page does not carry: they grow with the data (form.py, CITIES_FILE) -----

  function load(url) {
    if (!loading[url]) {
      loading[url] = fetch(url).then(function (response) {
        if (!response.ok) {
          throw new Error(url + ": " + response.status);
        }
        return response.json();
      });
      loading[url].catch(function () { loading[url] = null; }); // try again next time
    }
    return loading[url];
  }

  // The cities' options, into every city question of the page, or of one row added later
  // (a row's question comes from a template, which the page's first filling does not reach).
  function fillCities(cities, root) {
    var selects = (root || section).querySelectorAll("select[data-cities]:not([data-filled])");
    selects.forEach(function (select) {
      var options = document.createDocumentFragment();
      cities.forEach(function (city) {
        options.appendChild(new Option(city[1] + " (" + city[0] + ")", city[0]));
      });
      select.appendChild(options);
      select.dataset.filled = "";
    });
    if (!root) {
      prefill(true);
    }
  }

  function submit(event) {
    event.preventDefault();
    var form = event.currentTarget;
    var kindName = form.dataset.kind;
    var kind = config.kinds[kindName];
    clearErrors(form);
    var collected = collect(form, kind);
    var confirm = form.querySelector("[data-confirm]");
    if (!confirm.checked) {
      collected.errors.push([confirm, M.confirm]);
    }
    var errors = inFormOrder(collected.errors);
    errors.forEach(function (error) { showError(error[0], error[1]); });
    showSummary(form, errors);
    if (errors.length) {
      return;
    }
    var issue = issueLink(kindName, kind, collected.answers, collected.record);
    window.open(issue.url, "_blank", "noopener"); // now, while the click still allows it
    // The file's name is a new id: the ids taken are loaded only now (a failure leaves the
    // check of the issue to find a free one).
    load(config.idsUrl).catch(function () { return []; }).then(function (taken) {
      show(kindName, kind, collected, issue, taken);
      document.getElementById("result-heading").focus();
    });
  }

  // -- rows, kinds, copying -------------------------------------------------------------------

  function renumber(list) {
    Array.prototype.forEach.call(list.children, function (li, index) {
      li.querySelector(".row-legend").textContent = format(M.line, { line: index + 1 });
      li.querySelector("[data-remove-row]").textContent = format(M.remove, { line: index + 1 });
    });
  }

  function addRow(form, key) {
    var template = form.querySelector('template[data-row-template="' + key + '"]');
    var list = form.querySelector('[data-rows="' + key + '"]');
    rowCounter += 1;
    var html = template.innerHTML.replace(/__N__/g, String(rowCounter));
    list.insertAdjacentHTML("beforeend", html);
    var li = list.lastElementChild;
    li.querySelector("[data-remove-row]").addEventListener("click", function () {
      li.remove();
      renumber(list);
    });
    renumber(list);
    if (li.querySelector("select[data-cities]")) {
      load(config.citiesUrl).then(function (cities) { fillCities(cities, li); });
    }
    var first = li.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
  }

  function chooseKind(kindName) {
    section.querySelectorAll("form.record-form").forEach(function (form) {
      form.hidden = form.dataset.kind !== kindName;
    });
    document.getElementById("kind-" + kindName).checked = true;
  }

  function copyText(text, status) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      area.remove();
      status.textContent = ok ? M.copied : M.copy_failed;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = M.copied; }, fallback);
    } else {
      fallback();
    }
  }

  function setUpReviewDates(form) {
    var input = form.querySelector('[data-key="review_by"]');
    if (!input) {
      return;
    }
    var now = today();
    input.min = addDays(now, 1);
    input.max = oneYearAfter(now);
    if (!input.value) {
      input.value = addDays(now, 182);
    }
  }

  // A link may open the form prefilled, with the names of the issue links' parameters:
  // /submit/?kind=pledge&need=ua-sumy-generators (the "Pledge in public" link of a need's page).
  // The cities' options come later (fillCities): then it is called again for those alone.
  function prefill(citiesOnly) {
    var params = new URLSearchParams(window.location.search);
    var kindName = params.get("kind");
    if (!kindName || !config.kinds[kindName]) {
      return;
    }
    var form = document.getElementById("form-" + kindName);
    config.kinds[kindName].fields.forEach(function (field) {
      var value = params.get(field.id);
      var control = value === null ? null : controlOf(form, field.key);
      if (citiesOnly && field.widget !== "city") {
        return;
      }
      if (control && /^(INPUT|SELECT|TEXTAREA)$/.test(control.tagName) && control.type !== "checkbox") {
        control.value = value;
      }
    });
    if (!citiesOnly) {
      chooseKind(kindName);
      document.getElementById("form-heading").scrollIntoView();
    }
  }

  function start() {
    section.hidden = false;
    section.querySelectorAll("form.record-form").forEach(function (form) {
      form.addEventListener("submit", submit);
      setUpReviewDates(form);
      form.querySelectorAll("[data-add-row]").forEach(function (button) {
        button.addEventListener("click", function () { addRow(form, button.dataset.addRow); });
      });
      form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.type === "checkbox" && target.checked) {
          checkCounter += 1;
          target.dataset.order = String(checkCounter);
        }
      });
    });
    section.querySelectorAll('input[name="kind"]').forEach(function (radio) {
      radio.addEventListener("change", function () { chooseKind(radio.value); });
    });
    section.querySelectorAll("[data-switch-kind]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        chooseKind(link.dataset.switchKind);
        document.getElementById("kind-" + link.dataset.switchKind).focus();
      });
    });
    document.getElementById("copy-yaml").addEventListener("click", function () {
      copyText(document.getElementById("result-yaml").textContent, document.getElementById("copy-status"));
    });
    document.getElementById("copy-left-out").addEventListener("click", function () {
      copyText(document.getElementById("left-out-answers").value, document.getElementById("copy-left-out-status"));
    });
    prefill(false);
    load(config.citiesUrl).then(fillCities, function () {
      section.querySelectorAll("select[data-cities] option[value='']").forEach(function (option) {
        option.textContent = M.no_cities;
      });
    });
  }

  start();
})();

/* Strand — progressive enhancement only; every page works without this file.
   Runs under `script-src 'self'`: no inline handlers, no style strings, and never
   innerHTML, so nothing from a server response can turn into markup. */
(function () {
  "use strict";

  // Lets app.css hide the narrow-screen sidebar only when the toggle below can reopen it.
  document.documentElement.classList.add("js");

  function initNavToggle() {
    document.querySelectorAll('[data-toggle="nav"]').forEach(function (btn) {
      btn.setAttribute("aria-expanded", "false");
      btn.addEventListener("click", function () {
        var open = document.body.classList.toggle("nav-open");
        btn.setAttribute("aria-expanded", open ? "true" : "false");
      });
    });
  }

  // Resolving through the URL parser catches "//host", "/\host" and "/<tab>/host",
  // which all look path-like but escape to another origin.
  function isLocalPath(url) {
    if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/") return false;
    try { return new URL(url, window.location.href).origin === window.location.origin; }
    catch (e) { return false; }
  }

  function initLiveSearch() {
    var input = document.getElementById("global-search");
    var list = document.getElementById("live-results");
    if (!input || !list || !input.dataset.live || !window.fetch) return;
    // seq is bumped per request and on every clear, so late responses are dropped.
    var timer = 0, blurTimer = 0, seq = 0;

    // The browser's own history dropdown would sit on top of ours.
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    list.hidden = true;

    function items() { return list.querySelectorAll("a.live-item"); }
    function span(cls, text) {
      var el = document.createElement("span");
      el.className = cls;
      el.textContent = text == null ? "" : String(text);
      return el;
    }

    function clear() {
      seq++;
      clearTimeout(timer);
      list.textContent = "";
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function render(results) {
      list.textContent = "";
      results.forEach(function (r, i) {
        if (!r || !isLocalPath(r.url)) return;
        var a = document.createElement("a");
        a.className = "live-item";
        a.href = r.url;
        a.id = "live-item-" + i;
        a.setAttribute("role", "option");
        a.appendChild(span("title", r.title));
        if (r.subtitle) a.appendChild(span("subtitle", r.subtitle));
        list.appendChild(a);
      });
      var any = list.firstChild !== null;
      list.hidden = !any;
      input.setAttribute("aria-expanded", any ? "true" : "false");
      input.removeAttribute("aria-activedescendant");
    }

    function query(q) {
      var mine = ++seq;
      fetch(input.dataset.live + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      }).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(function (data) {
        if (mine === seq) render(data && Array.isArray(data.results) ? data.results : []);
      }).catch(function () {
        // Quietly give up: submitting the form still reaches the full search page.
        if (mine === seq) clear();
      });
    }

    function schedule() {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { clear(); return; }
      timer = setTimeout(function () { query(q); }, 150);
    }

    // Chinese users type through an IME; querying raw pinyin mid-composition is noise,
    // so wait for compositionend, which delivers the chosen characters.
    input.addEventListener("input", function (e) { if (!e.isComposing) schedule(); });
    input.addEventListener("compositionend", schedule);

    function setActive(all, index) {
      all.forEach(function (a, i) {
        var on = i === index;
        a.classList.toggle("active", on);
        a.setAttribute("aria-selected", on ? "true" : "false");
        if (on) {
          input.setAttribute("aria-activedescendant", a.id);
          a.scrollIntoView({ block: "nearest" });
        }
      });
    }

    input.addEventListener("keydown", function (e) {
      // Enter/arrows during composition belong to the IME's candidate window.
      if (e.isComposing || e.keyCode === 229) return;
      var all = items();
      if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); clear(); }
      } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && all.length && !list.hidden) {
        e.preventDefault();
        var cur = Array.prototype.indexOf.call(all, list.querySelector("a.live-item.active"));
        var next = e.key === "ArrowDown" ? cur + 1 : (cur < 0 ? all.length - 1 : cur - 1);
        setActive(all, (next + all.length) % all.length);
      } else if (e.key === "Enter") {
        var active = list.hidden ? null : list.querySelector("a.live-item.active");
        if (active) { e.preventDefault(); window.location.assign(active.href); }
      }
    });

    // Keeping focus in the input on mouse/touch press means a click on an item is never
    // raced by the blur handler; the timeout below still covers keyboard focus moves.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    function onFocusOut() {
      clearTimeout(blurTimer);
      blurTimer = setTimeout(function () {
        var el = document.activeElement;
        if (el !== input && !list.contains(el)) clear();
      }, 200);
    }
    input.addEventListener("blur", onFocusOut);
    list.addEventListener("focusout", onFocusOut);
  }

  function initBulkSelection() {
    var all = document.getElementById("select-all");
    var counter = document.getElementById("selection-count");
    function boxes() { return document.querySelectorAll("input.row-select"); }
    if (!all && !counter && !boxes().length) return;

    function update() {
      var list = boxes(), n = 0;
      list.forEach(function (b) { if (b.checked) n++; });
      if (counter) {
        counter.textContent = (counter.dataset.template || "{count}").split("{count}").join(String(n));
        counter.hidden = n === 0;
      }
      // The actions wait until something is ticked; the hint beside them says so.
      document.querySelectorAll(".bulk-bar").forEach(function (bar) { bar.classList.toggle("idle", n === 0); });
      if (all) {
        all.checked = n > 0 && n === list.length;
        all.indeterminate = n > 0 && n < list.length;
      }
    }

    if (all) all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      update();
    });
    document.addEventListener("change", function (e) {
      if (e.target.matches && e.target.matches("input.row-select")) update();
    });
    // Browsers restore checkbox state on reload and back/forward, so recount then too.
    window.addEventListener("pageshow", update);
    update();
  }

  function initFormHelpers() {
    document.addEventListener("submit", function (e) {
      var form = e.target;
      if (form.hasAttribute && form.hasAttribute("data-confirm") &&
          !window.confirm(form.dataset.confirm)) e.preventDefault();
    });
    document.addEventListener("change", function (e) {
      var el = e.target;
      if (!el.closest || !el.closest("[data-autosubmit]")) return;
      var form = el.form || el.closest("form");
      // requestSubmit fires the submit event, so data-confirm and validation still apply.
      if (form) { if (form.requestSubmit) form.requestSubmit(); else form.submit(); }
    });
  }

  // Kanban: dropping a card on a column fills the card's own "move" form with that stage and
  // sends it, so dragging and the plain form take the same path to the server.
  function initBoard() {
    var dragged = null;
    document.addEventListener("dragstart", function (e) {
      var card = e.target.closest && e.target.closest(".board-card[draggable='true']");
      if (!card) return;
      dragged = card;
      card.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", card.dataset.id);
    });
    document.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
      document.querySelectorAll(".board-column.drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
    });
    document.addEventListener("dragover", function (e) {
      var column = dragged && e.target.closest && e.target.closest(".board-column");
      if (!column) return;
      e.preventDefault();
      column.classList.add("drop-target");
    });
    document.addEventListener("dragleave", function (e) {
      var column = e.target.closest && e.target.closest(".board-column");
      if (column && !column.contains(e.relatedTarget)) column.classList.remove("drop-target");
    });
    document.addEventListener("drop", function (e) {
      var column = dragged && e.target.closest && e.target.closest(".board-column");
      if (!column) return;
      e.preventDefault();
      var form = dragged.querySelector("form.move");
      var select = form && form.querySelector("select[name='stage']");
      if (!select || select.value === column.dataset.stage) return;
      select.value = column.dataset.stage;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  }

  // A document's lines: "add a line" copies the last row's inputs, empty, under the next index.
  function initLineEditors() {
    document.querySelectorAll(".line-editor").forEach(function (editor) {
      var button = editor.querySelector(".add-line");
      var body = editor.querySelector("tbody");
      if (!button || !body) return;
      button.addEventListener("click", function () {
        var last = body.lastElementChild;
        if (!last) return;
        var next = parseInt(editor.dataset.next || "0", 10);
        var row = last.cloneNode(true);
        row.querySelectorAll("small").forEach(function (note) { note.remove(); });
        row.firstElementChild.textContent = String(next + 1);
        row.querySelectorAll("input").forEach(function (input) {
          input.name = input.name.replace(/\[\d+\]/, "[" + next + "]");
          input.value = "";
        });
        body.appendChild(row);
        editor.dataset.next = String(next + 1);
        var first = row.querySelector("input");
        if (first) first.focus();
      });
    });
  }

  // New notifications arrive as server-sent events: the bell's count follows the unread
  // total, and each new one shows for a while as a link to its record.
  function initNotices() {
    var bell = document.getElementById("notice-bell");
    if (!bell || !bell.dataset.stream || !window.EventSource) return;
    var count = bell.querySelector(".count");
    var toasts = document.getElementById("toasts");
    var source = new EventSource(bell.dataset.stream);
    source.addEventListener("unread", function (e) {
      var n = parseInt(e.data, 10) || 0;
      count.textContent = n >= 100 ? "99+" : String(n);
      count.hidden = n === 0;
    });
    source.addEventListener("notice", function (e) {
      var notice;
      try { notice = JSON.parse(e.data); } catch (err) { return; }
      if (!toasts || !notice || !isLocalPath("/notifications/" + notice.id)) return;
      var a = document.createElement("a");
      a.className = "toast";
      a.href = "/notifications/" + encodeURIComponent(String(notice.id));
      a.textContent = String(notice.text || "");
      toasts.appendChild(a);
      setTimeout(function () { a.remove(); }, 10000);
    });
  }

  // The day and week views open at the working day, or earlier when something starts before
  // it; the rest of the hours are a scroll away.
  function initCalendarHours() {
    var grid = document.getElementById("calendar");
    if (!grid || !grid.classList.contains("calendar-days")) return;
    var row = +(grid.dataset.opensAt || "at-17").slice(3);
    grid.querySelectorAll(".calendar-slots a.calendar-entry").forEach(function (entry) {
      var at = /\bat-(\d+)\b/.exec(entry.className);
      if (at) row = Math.min(row, +at[1]);
    });
    var slot = grid.querySelector(".calendar-free.at-" + row);
    var head = grid.querySelector(".calendar-all-day");
    if (slot && head) grid.scrollTop = Math.max(0, slot.offsetTop - head.offsetTop - head.offsetHeight);
  }

  // Dragging on the day and week views: across free half-hours to make an event for those
  // times, one's own event to another time, or its lower edge to another end. A new event
  // opens its plain form; a move is posted as a plain form, so the server's checks and its
  // busy warning answer it as they answer the edit form.
  function initCalendarDrag() {
    var grid = document.getElementById("calendar");
    if (!grid || !grid.classList.contains("calendar-days") || !window.PointerEvent) return;
    function minutes(text) {
      var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text || "");
      return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) / 60000 : NaN;
    }
    function wallClock(n) {
      var d = new Date(n * 60000);
      function two(x) { return (x < 10 ? "0" : "") + x; }
      return d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate()) + "T" + two(d.getUTCHours()) + ":" + two(d.getUTCMinutes());
    }
    // The half-hour at a point: the day column under it, then the row at its height (events
    // sit beside the free half-hours, not over them).
    function slotAt(x, y) {
      var days = grid.querySelectorAll(".calendar-day");
      for (var i = 0; i < days.length; i++) {
        var box = days[i].getBoundingClientRect();
        if (x < box.left || x >= box.right) continue;
        var slots = days[i].querySelectorAll(".calendar-free[data-at]");
        for (var j = 0; j < slots.length; j++) {
          var row = slots[j].getBoundingClientRect();
          if (y >= row.top && y < row.bottom) return slots[j];
        }
      }
      return null;
    }
    function mark(from, to, cls) {
      grid.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
      if (!from || !to) return;
      var lo = Math.min(minutes(from), minutes(to)), hi = Math.max(minutes(from), minutes(to));
      grid.querySelectorAll(".calendar-free[data-at]").forEach(function (slot) {
        var at = minutes(slot.dataset.at);
        if (at >= lo && at <= hi) slot.classList.add(cls);
      });
    }
    function post(id, fields) {
      var token = document.querySelector("input[name='_csrf']");
      if (!token) return;
      var form = document.createElement("form");
      form.method = "post";
      form.action = "/events/" + encodeURIComponent(id);
      fields._csrf = token.value;
      fields.partial = "1";
      fields.return_to = window.location.pathname + window.location.search;
      Object.keys(fields).forEach(function (name) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        input.value = fields[name];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    }
    var drag = null, suppressClick = false;
    grid.addEventListener("click", function (e) {
      if (suppressClick) { e.preventDefault(); suppressClick = false; }
    }, true);
    // The browser's own dragging of links would take the pointer away.
    grid.addEventListener("dragstart", function (e) { e.preventDefault(); });
    grid.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      var entry = e.target.closest("a.calendar-entry[data-start]");
      var slot = slotAt(e.clientX, e.clientY);
      if (!slot) return;
      if (entry) {
        var bottom = entry.getBoundingClientRect().bottom;
        drag = { mode: e.clientY > bottom - 8 ? "resize" : "move", entry: entry, grab: slot.dataset.at, target: slot.dataset.at };
        entry.classList.add("dragging");
      } else if (e.target.closest(".calendar-free") && e.pointerType !== "touch") {
        drag = { mode: "new", grab: slot.dataset.at, target: slot.dataset.at, day: slot.closest(".calendar-day") };
      } else return;
      e.preventDefault();
    });
    grid.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var slot = slotAt(e.clientX, e.clientY);
      if (!slot || (drag.mode === "new" && slot.closest(".calendar-day") !== drag.day)) return;
      drag.target = slot.dataset.at;
      if (drag.mode === "new") mark(drag.grab, drag.target, "selecting");
      else if (drag.mode === "resize") mark(drag.entry.dataset.start, drag.target, "selecting");
      else {
        var shift = minutes(drag.target) - minutes(drag.grab);
        mark(wallClock(minutes(drag.entry.dataset.start) + shift), wallClock(minutes(drag.entry.dataset.end) + shift - 30), "selecting");
      }
    });
    document.addEventListener("pointerup", function () {
      if (!drag) return;
      var done = drag;
      drag = null;
      if (done.entry) done.entry.classList.remove("dragging");
      // Not moved: the click that follows opens the link as usual.
      if (done.target === done.grab) { mark(null, null, "selecting"); return; }
      suppressClick = true;
      var shift = minutes(done.target) - minutes(done.grab);
      if (done.mode === "new") {
        var first = Math.min(minutes(done.grab), minutes(done.target)), last = Math.max(minutes(done.grab), minutes(done.target));
        window.location.href = "/events/new?starts_at=" + encodeURIComponent(wallClock(first)) + "&ends_at=" + encodeURIComponent(wallClock(last + 30));
      } else if (done.mode === "resize") {
        var end = minutes(done.target) + 30;
        if (end > minutes(done.entry.dataset.start)) post(done.entry.dataset.event, { ends_at: wallClock(end) });
        else mark(null, null, "selecting");
      } else {
        post(done.entry.dataset.event, { starts_at: wallClock(minutes(done.entry.dataset.start) + shift),
                                         ends_at: wallClock(minutes(done.entry.dataset.end) + shift) });
      }
    });
  }

  // A running import's bar: asks how far it has got each second, and shows the outcome when done.
  function initImportProgress() {
    var bar = document.getElementById("import-progress");
    if (!bar || !window.fetch) return;
    var text = document.getElementById("import-progress-text");
    function poll() {
      fetch(bar.dataset.source, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
        if (p.status !== "running") { window.location.reload(); return; }
        bar.max = Math.max(p.total, 1);
        bar.value = p.done;
        if (text) {
          text.textContent = text.dataset.template.replace("{done}", p.done).replace("{total}", p.total)
            .replace("{rate}", p.rate === undefined ? "…" : p.rate).replace("{left}", p.seconds_left == null ? "…" : p.seconds_left);
        }
        window.setTimeout(poll, 1000);
      }).catch(function () { window.setTimeout(poll, 2000); });
    }
    poll();
  }

  // A link field's list of the latest records becomes a box that asks the server as one
  // types; the list stays in the form, hidden, and holds the chosen value.
  function initPickers() {
    if (!window.fetch) return;
    function linkParams(select, params) {
      // The form's other links, which may narrow this one (a customer's contacts).
      if (select.form) select.form.querySelectorAll("select[data-pick]").forEach(function (other) {
        if (other !== select && other.value) params.set(other.name, other.value);
      });
      return params;
    }
    function ask(select, q) {
      return fetch(select.dataset.pick + "?" + linkParams(select, new URLSearchParams({ q: q })).toString(),
                   { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (res) { if (!res.ok) throw new Error("HTTP " + res.status); return res.json(); })
        .then(function (data) { return data && Array.isArray(data.options) ? data.options : []; });
    }
    // A narrowed list is filled again when the link narrowing it changes, keeping its choice if still offered.
    document.querySelectorAll("select[data-pick-by]").forEach(function (select) {
      var by = select.form && select.form.elements[select.dataset.pickBy];
      if (!by || !by.addEventListener) return;
      by.addEventListener("change", function () {
        ask(select, "").then(function (options) {
          var kept = select.value;
          while (select.options.length > 1) select.remove(1);
          options.forEach(function (o) {
            var option = document.createElement("option");
            option.value = o.value;
            option.textContent = o.label;
            select.appendChild(option);
          });
          select.value = options.some(function (o) { return o.value === kept; }) ? kept : "";
        }).catch(function () {});
      });
    });
    document.querySelectorAll("select[data-pick-search]").forEach(function (select, n) {
      var box = document.createElement("div");
      box.className = "picker";
      var input = document.createElement("input");
      input.type = "search";
      input.className = "picker-input";
      input.placeholder = select.dataset.pickHint || "";
      input.setAttribute("autocomplete", "off");
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
      if (label) { input.id = select.id + "-pick"; label.htmlFor = input.id; }
      var list = document.createElement("ul");
      list.className = "picker-results";
      list.id = "picker-" + n;
      list.setAttribute("role", "listbox");
      list.hidden = true;
      input.setAttribute("aria-controls", list.id);
      select.parentNode.insertBefore(box, select);
      box.appendChild(input);
      box.appendChild(list);
      box.appendChild(select);
      select.classList.add("picked");
      select.tabIndex = -1;
      // A hidden control cannot say it is required; the box it stands behind says so instead.
      if (select.required) { select.required = false; input.required = true; }
      var timer = 0, seq = 0;

      function chosenLabel() {
        var option = select.options[select.selectedIndex];
        return option && option.value ? option.textContent : "";
      }
      input.value = chosenLabel();

      function close() {
        seq++;
        list.hidden = true;
        list.textContent = "";
        input.setAttribute("aria-expanded", "false");
      }

      function choose(value, text) {
        var option = Array.prototype.find.call(select.options, function (o) { return o.value === value; });
        if (!option) {
          option = document.createElement("option");
          option.value = value;
          option.textContent = text;
          select.appendChild(option);
        }
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        input.value = text;
        close();
      }

      function render(options) {
        list.textContent = "";
        options.forEach(function (o, i) {
          var item = document.createElement("li");
          item.setAttribute("role", "option");
          item.id = list.id + "-" + i;
          item.dataset.value = o.value;
          item.textContent = o.label;
          item.addEventListener("mousedown", function (e) { e.preventDefault(); choose(o.value, o.label); });
          list.appendChild(item);
        });
        if (!options.length) {
          var none = document.createElement("li");
          none.className = "muted";
          none.textContent = select.dataset.pickNone || "";
          list.appendChild(none);
        }
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }

      function query() {
        var mine = ++seq;
        ask(select, input.value.trim())
          .then(function (options) { if (mine === seq) render(options); })
          .catch(function () { if (mine === seq) close(); });
      }

      function schedule() { clearTimeout(timer); timer = setTimeout(query, 150); }
      input.addEventListener("input", function (e) { if (!e.isComposing) schedule(); });
      input.addEventListener("compositionend", schedule);
      input.addEventListener("focus", function () { if (list.hidden) query(); });
      input.addEventListener("keydown", function (e) {
        if (e.isComposing || e.keyCode === 229) return;
        var items = list.querySelectorAll("li[role=option]");
        var current = Array.prototype.indexOf.call(items, list.querySelector("li.active"));
        if ((e.key === "ArrowDown" || e.key === "ArrowUp") && items.length) {
          e.preventDefault();
          var next = e.key === "ArrowDown" ? current + 1 : (current < 0 ? items.length - 1 : current - 1);
          next = (next + items.length) % items.length;
          items.forEach(function (item, i) { item.classList.toggle("active", i === next); item.setAttribute("aria-selected", i === next ? "true" : "false"); });
          input.setAttribute("aria-activedescendant", items[next].id);
        } else if (e.key === "Enter" && current >= 0) {
          e.preventDefault();
          choose(items[current].dataset.value, items[current].textContent);
        } else if (e.key === "Escape" && !list.hidden) {
          e.preventDefault();
          close();
        }
      });
      // Leaving the box keeps what was chosen; an emptied box chooses nothing.
      input.addEventListener("blur", function () {
        setTimeout(function () {
          if (input.value.trim() === "") { if (select.value) { select.value = ""; select.dispatchEvent(new Event("change", { bubbles: true })); } }
          else input.value = chosenLabel();
          close();
        }, 150);
      });
    });
  }

  function init() {
    initPickers();
    initImportProgress();
    initCalendarHours();
    initCalendarDrag();
    initNotices();
    initLineEditors();
    initNavToggle();
    initLiveSearch();
    initBulkSelection();
    initFormHelpers();
    initBoard();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Keyboard-first review page. Served as a file: the CSP forbids inline script.
(function () {
  "use strict";
  const item = document.getElementById("item");
  if (!item) return;
  const pid = item.dataset.pid;
  let version = parseInt(item.dataset.version, 10);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById("status");
  const conflict = document.getElementById("conflict");
  const started = Date.now();
  let focusId = null;
  let busy = false;

  const rows = () => Array.from(document.querySelectorAll("tr.conduct"));
  const box = (id) => document.getElementById("c-" + id);
  const cov = (id) => document.getElementById("cov-" + id);

  function selection() {
    return rows().filter((r) => box(r.dataset.id).checked)
      .map((r) => ({ id: r.dataset.id, coverage: cov(r.dataset.id).value }));
  }

  function say(msg) { status.textContent = msg; }

  // The decision the server will store: reject when nothing is kept, accept only when the
  // selection is the suggestion unchanged (same conducts, same coverage), else edit.
  function decisionOf(labels) {
    if (!labels.length) return "reject";
    const want = rows().filter((r) => r.dataset.suggested).map((r) => r.dataset.id + ":" + r.dataset.suggested);
    const got = labels.map((l) => l.id + ":" + l.coverage);
    return want.sort().join(",") === got.sort().join(",") ? "accept" : "edit";
  }

  function preview() {
    const el = document.getElementById("decision-preview");
    if (el) el.textContent = decisionOf(selection());
  }

  async function post(url, body) {
    const resp = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await resp.json(); } catch (e) { data = {}; }
    return { status: resp.status, data: data };
  }

  function showNewer(current) {
    // Someone else decided first: show their decision, load it into the form, keep ours unsent.
    const cur = current.current;
    conflict.hidden = false;
    conflict.textContent = "";
    const head = document.createElement("strong");
    head.textContent = "Conflict: this provision was reviewed meanwhile. ";
    conflict.appendChild(head);
    const what = document.createElement("span");
    if (cur) {
      const labs = cur.labels.map((l) => l.id + (l.coverage === "partial" ? " (partial)" : "")).join(", ");
      what.textContent = "Newer decision by " + cur.reviewer + ": " + cur.decision + " [" + (labs || "no conduct") +
        "]. The form now shows it; press enter to submit again over it.";
    } else {
      what.textContent = "The earlier decision was withdrawn. Review again.";
    }
    conflict.appendChild(what);
    const chosen = new Map((cur ? cur.labels : []).map((l) => [l.id, l.coverage]));
    rows().forEach((r) => {
      const id = r.dataset.id;
      box(id).checked = chosen.has(id);
      if (chosen.has(id)) cov(id).value = chosen.get(id);
    });
    version = current.version;
    item.dataset.version = String(version);
    preview();
  }

  async function submit(decision) {
    if (busy) return;
    busy = true;
    let labels = selection();
    if (decision === "reject") labels = [];
    decision = decisionOf(labels);
    say("saving…");
    const res = await post("/api/provisions/" + pid + "/review", {
      labels: labels, decision: decision, version: version,
      comment: document.getElementById("comment").value || null,
      seconds: (Date.now() - started) / 1000,
    });
    busy = false;
    if (res.status === 200) { say("saved as " + res.data.decision); window.location.assign("/review"); }
    else if (res.status === 409) { say("conflict (409)"); showNewer(res.data.current); }
    else if (res.status === 401) { window.location.assign("/login"); }
    else { say("error " + res.status + ": " + (res.data.detail || "")); }
  }

  async function undo() {
    if (busy) return;
    busy = true;
    const res = await post("/api/undo", {});
    busy = false;
    if (res.status === 200) window.location.assign("/review/" + res.data.provision_id);
    else say("undo: " + (res.data.detail || res.status));
  }

  function toggle(key) {
    const r = rows().find((row) => row.dataset.key === key);
    if (!r) return;
    const b = box(r.dataset.id);
    b.checked = !b.checked;
    focusId = r.dataset.id;
  }

  function togglePartial() {
    const id = focusId || (selection()[0] || {}).id;
    if (!id) return;
    const c = cov(id);
    c.value = c.value === "partial" ? "full" : "partial";
    box(id).checked = true;
  }

  document.addEventListener("keydown", (ev) => {
    const tag = (ev.target && ev.target.tagName) || "";
    if (tag === "TEXTAREA" || tag === "INPUT" && ev.target.type !== "checkbox" || tag === "SELECT") {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    if (k === "a") submit("accept");
    else if (k === "x") submit("reject");
    else if (k === "Enter") submit("accept");
    else if (k === "u") undo();
    else if (k === "p") togglePartial();
    else if (k === "?") { const h = document.getElementById("help"); h.hidden = !h.hidden; }
    else if (/^[0-9-]$/.test(k)) toggle(k);
    else return;
    ev.preventDefault();
    preview();
  });

  // Terminology flags: accept or reject the flag and its replacement, in place.
  function termBody(li, decision) {
    const body = { rule: li.dataset.rule, term: li.dataset.term, start: parseInt(li.dataset.start, 10),
                   decision: decision };
    if (decision === "accept") {
      const v = li.querySelector("select.repl").value;
      if (v === "__none__") body.replacement_decision = "reject";
      else if (v === "__edit__") {
        body.replacement_decision = "edit";
        body.replacement = li.querySelector("input.repl-other").value;
      } else { body.replacement_decision = "accept"; body.replacement = v; }
    }
    return body;
  }

  async function reviewTerm(li, decision) {
    const st = li.querySelector(".term-status");
    const res = await post("/api/provisions/" + pid + "/terms", termBody(li, decision));
    if (res.status === 200) {
      const d = res.data;
      st.textContent = (d.decision === "accept" ? "flag accepted" : "flag rejected") +
        (d.replacement_decision ? "; replacement " + d.replacement_decision +
          (d.replacement ? ": \u201c" + d.replacement + "\u201d" : "") : "") + " (saved)";
    } else if (res.status === 401) window.location.assign("/login");
    else st.textContent = "error " + res.status + ": " + (res.data.detail || "");
  }

  document.querySelectorAll("li.term-flag").forEach((li) => {
    const sel = li.querySelector("select.repl");
    const other = li.querySelector("input.repl-other");
    sel.addEventListener("change", () => { other.hidden = sel.value !== "__edit__"; });
    li.querySelector("button.term-accept").addEventListener("click", () => reviewTerm(li, "accept"));
    li.querySelector("button.term-reject").addEventListener("click", () => reviewTerm(li, "reject"));
  });

  document.getElementById("btn-accept").addEventListener("click", () => submit("accept"));
  document.getElementById("btn-reject").addEventListener("click", () => submit("reject"));
  document.getElementById("btn-submit").addEventListener("click", () => submit("accept"));
  document.getElementById("btn-undo").addEventListener("click", undo);
  rows().forEach((r) => {
    box(r.dataset.id).addEventListener("change", () => { focusId = r.dataset.id; preview(); });
    cov(r.dataset.id).addEventListener("change", preview);
  });
  preview();
})();

// hushlint page: sends the draft to this local server and renders the answer.
// Draft text only ever reaches the DOM through textContent (never innerHTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const DEBOUNCE_MS = 400;
  const $ = (id) => document.getElementById(id);

  const ui = {
    draft: $("draft"), check: $("check"), clear: $("clear"), busy: $("busy"), count: $("draft-count"),
    error: $("error"), engine: $("engine"), announce: $("announce"),
    verdictEmpty: $("verdict-empty"), gauge: $("gauge"), gaugeName: $("gauge-name"),
    gaugeScore: $("gauge-score"), gaugeBar: $("gauge-bar"), gaugeSummary: $("gauge-summary"),
    questions: $("questions"), questionList: $("question-list"),
    markedSection: $("marked-section"), marked: $("marked"),
    noRewrite: $("no-rewrite"), rwRedacted: $("rw-redacted"), rwGeneral: $("rw-general"),
    rwRedactedBox: $("rewrite-redacted-box"), rwGeneralBox: $("rewrite-general-box"),
    findingsPanel: $("findings-panel"), findings: $("findings"), noFindings: $("no-findings"),
    contributions: $("contributions"), contributionsBox: $("contributions-box"),
    signalsBox: $("signals-box"), signals: $("signals"), tip: $("tip"),
  };

  const state = {
    status: "loading", maxChars: 100000, bands: [], marker: null,
    timer: null, seq: 0, controller: null, pending: false, lastLevel: null, result: null,
  };

  // --- small DOM helpers -------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  function codePoints(text) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  }

  // --- engine status -----------------------------------------------------------------------

  function setEngine(status, message) {
    state.status = status;
    ui.engine.className = "engine " + (status === "ready" ? "ready" : status === "error" ? "failed" : "loading");
    ui.engine.textContent = message;
  }

  async function pollHealth() {
    try {
      const response = await fetch("/api/health", { cache: "no-store", credentials: "same-origin" });
      const data = await response.json();
      if (data.max_chars) state.maxChars = data.max_chars;
      if (data.bands && !state.bands.length) { state.bands = data.bands; buildGauge(); updateCount(); }
      if (data.status === "ready") {
        setEngine("ready", "Ready. Drafts are checked on this computer and never stored.");
        if (state.pending || ui.draft.value.trim()) { state.pending = false; analyse(true); }
        return;
      }
      if (data.status === "error") {
        setEngine("error", "hushlint could not start: " + (data.error || "unknown error"));
        return;
      }
      setEngine("loading", "Loading the language model… your draft will be checked as soon as it is ready.");
    } catch (err) {
      setEngine("loading", "Waiting for the hushlint server…");
    }
    setTimeout(pollHealth, 500);
  }

  // --- gauge ---------------------------------------------------------------------------------

  function buildGauge() {
    ui.gaugeBar.textContent = "";
    for (const band of state.bands) {
      ui.gaugeBar.append(svg("rect", {
        class: "band lvl-" + band.level, x: band.from, y: 3, width: band.to - band.from + 1, height: 6,
      }));
    }
    state.marker = svg("rect", { class: "gauge-marker", x: -1, y: 0, width: 2, height: 12 });
    ui.gaugeBar.append(state.marker);
  }

  function renderGauge(result) {
    ui.verdictEmpty.hidden = true;
    ui.gauge.hidden = false;
    ui.gauge.className = "gauge lvl-" + result.severity;
    ui.gauge.dataset.level = result.severity;
    ui.gaugeName.textContent = result.label;
    ui.gaugeScore.textContent = String(result.score);
    ui.gaugeSummary.textContent = result.summary;
    ui.gaugeBar.setAttribute("aria-label", "Score " + result.score + " out of 100: " + result.label);
    if (state.marker) state.marker.setAttribute("x", String(Math.max(0, Math.min(100, result.score)) - 1));
    ui.questionList.textContent = "";
    for (const question of result.questions) ui.questionList.append(el("li", { text: question }));
    ui.questions.hidden = result.questions.length === 0;
  }

  // --- the marked-up draft ---------------------------------------------------------------

  function findingTip(finding) {
    const box = el("div", { class: "tip-item" });
    box.append(el("p", {}, el("strong", { text: finding.n + ". " + finding.rule + " " + finding.name }),
      " (" + finding.level + ")"));
    box.append(el("p", { text: finding.message }));
    if (finding.why) box.append(el("p", {}, el("strong", { text: "Why: " }), finding.why));
    if (finding.suggest) box.append(el("p", {}, el("strong", { text: "Instead: " }), finding.suggest));
    return box;
  }

  function renderMarked(result) {
    ui.marked.textContent = "";
    for (const seg of result.segments) {
      if (seg.findings.length) {
        const ids = seg.findings.map((i) => "f-" + result.findings[i].n).join(" ");
        const mark = el("mark", {
          class: "hl lvl-" + seg.level, tabindex: 0, "data-rules": seg.findings.map((i) => result.findings[i].rule).join(" "),
          "data-findings": seg.findings.join(" "), "aria-describedby": ids,
        }, seg.text, el("span", { class: "sr-only", text: " (" + seg.level + ")" }));
        ui.marked.append(mark);
        if (seg.ends.length) {
          const sup = el("sup", { class: "refs" });
          for (const i of seg.ends) {
            const n = result.findings[i].n;
            sup.append(el("a", { class: "ref", href: "#f-" + n, "aria-label": "finding " + n, text: String(n) }));
          }
          ui.marked.append(sup);
        }
      } else if (seg.signals.length) {
        const names = seg.signals.map((i) => result.signals[i].rule + " " + result.signals[i].name).join(", ");
        ui.marked.append(el("span", { class: "hl-safe", title: "Safe context: " + names, text: seg.text }));
      } else {
        ui.marked.append(document.createTextNode(seg.text));
      }
    }
  }

  function showTip(mark) {
    const result = state.result;
    if (!result) return;
    ui.tip.textContent = "";
    for (const i of mark.dataset.findings.split(" ")) ui.tip.append(findingTip(result.findings[Number(i)]));
    ui.tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const width = ui.tip.offsetWidth;
    const left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 8));
    ui.tip.style.left = left + "px";
    ui.tip.style.top = (window.scrollY + box.bottom + 8) + "px";
    for (const item of document.querySelectorAll(".finding.active, mark.hl.active")) item.classList.remove("active");
    mark.classList.add("active");
    for (const id of mark.getAttribute("aria-describedby").split(" ")) {
      const item = document.getElementById(id);
      if (item) item.classList.add("active");
    }
  }

  function hideTip() {
    ui.tip.hidden = true;
    for (const item of document.querySelectorAll(".finding.active, mark.hl.active")) item.classList.remove("active");
  }

  // --- findings list ------------------------------------------------------------------------

  function renderFindings(result) {
    ui.findingsPanel.hidden = false;
    ui.findings.textContent = "";
    ui.noFindings.hidden = result.findings.length > 0;
    for (const f of result.findings) {
      const head = el("p", { class: "finding-head" },
        el("span", { class: "finding-num", text: f.n + "." }),
        el("span", { class: "badge lvl-" + f.level, text: f.level }),
        el("span", { class: "rule-id", text: f.rule }), f.name,
        el("a", { href: f.explain, target: "_blank", rel: "noopener", "aria-label": "Explain rule " + f.rule, text: "explain" }));
      const item = el("li", { class: "finding lvl-" + f.level, id: "f-" + f.n, tabindex: -1, "data-rule": f.rule }, head,
        el("p", { class: "finding-quote", text: "“" + f.text + "”" }),
        el("p", { text: f.message }),
        f.why ? el("p", {}, el("span", { class: "label", text: "Why it matters: " }), f.why) : null,
        f.suggest ? el("p", {}, el("span", { class: "label", text: "Instead: " }), f.suggest) : null);
      ui.findings.append(item);
    }
    ui.contributions.textContent = "";
    for (const c of result.contributions) {
      ui.contributions.append(el("li", {},
        el("span", { class: "points", text: (c.points >= 0 ? "+" : "") + c.points }),
        c.reason + (c.rules.length ? " (" + c.rules.join(", ") + ")" : "")));
    }
    ui.contributionsBox.hidden = result.contributions.length === 0;
    ui.signals.textContent = "";
    const seen = new Set();
    for (const s of result.signals) {
      if (seen.has(s.rule)) continue;
      seen.add(s.rule);
      ui.signals.append(el("li", {}, el("span", { class: "rule-id", text: s.rule }), " " + s.name + ": " + s.message + " ",
        el("a", { href: s.explain, target: "_blank", rel: "noopener", text: "explain" })));
    }
    ui.signalsBox.hidden = seen.size === 0;
  }

  function renderRewrites(result) {
    const show = result.show_rewrites;
    ui.noRewrite.hidden = show;
    ui.rwRedactedBox.hidden = !show;
    ui.rwGeneralBox.hidden = !show;
    ui.rwRedacted.textContent = show ? result.suggestion.redacted : "";
    ui.rwGeneral.textContent = show ? result.suggestion.general : "";
  }

  function render(result) {
    state.result = result;
    hideTip();
    renderGauge(result);
    renderMarked(result);
    renderFindings(result);
    renderRewrites(result);
    ui.markedSection.hidden = false;
  }

  function announce(result, force) {
    if (!force && state.lastLevel === result.severity) return;
    state.lastLevel = result.severity;
    const n = result.findings.length;
    ui.announce.textContent = result.label + ", score " + result.score + " out of 100. " +
      (n === 0 ? "Nothing flagged." : n + (n === 1 ? " finding." : " findings."));
  }

  function resetResult() {
    state.result = null;
    state.lastLevel = null;
    hideTip();
    ui.verdictEmpty.hidden = false;
    ui.gauge.hidden = true;
    ui.questions.hidden = true;
    ui.markedSection.hidden = true;
    ui.findingsPanel.hidden = true;
    ui.announce.textContent = "";
  }

  // --- talking to the server ----------------------------------------------------------------

  function showError(message) {
    ui.error.textContent = message;
    ui.error.hidden = !message;
  }

  async function analyse(force) {
    clearTimeout(state.timer);
    const text = ui.draft.value;
    if (!text.trim()) { resetResult(); showError(""); return; }
    if (state.status !== "ready") {
      state.pending = true;
      showError("");
      ui.busy.hidden = false;
      ui.busy.textContent = "Waiting for the language model to load…";
      return;
    }
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    ui.busy.hidden = false;
    ui.busy.textContent = "Checking…";
    try {
      const response = await fetch("/api/lint", {
        method: "POST", cache: "no-store", credentials: "same-origin", signal: controller.signal,
        headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: text }),
      });
      const data = await response.json().catch(() => ({ error: "The server sent an unreadable answer (" + response.status + ")." }));
      if (seq !== state.seq) return;
      if (response.status === 503 && data.code === "loading") {
        state.pending = true;
        setEngine("loading", data.error);
        setTimeout(pollHealth, 500);
        return;
      }
      if (!response.ok) { showError(data.error || "The check failed (" + response.status + ")."); return; }
      showError("");
      render(data);
      announce(data, force);
    } catch (err) {
      if (err.name === "AbortError") return;
      if (seq === state.seq) showError("Could not reach the hushlint server. Is it still running?");
    } finally {
      if (seq === state.seq) ui.busy.hidden = true;
    }
  }

  function updateCount() {
    const n = codePoints(ui.draft.value);
    ui.count.textContent = n.toLocaleString("en") + " / " + state.maxChars.toLocaleString("en") + " characters";
    ui.count.classList.toggle("over", n > state.maxChars);
  }

  // --- copy buttons -------------------------------------------------------------------------

  async function copy(button) {
    const source = document.getElementById(button.dataset.copy);
    const text = source ? source.textContent : "";
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (err) {
      const scratch = el("textarea", { "aria-hidden": "true", readonly: true });
      scratch.value = text;
      scratch.className = "sr-only";
      document.body.append(scratch);
      scratch.select();
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      scratch.remove();
    }
    button.dataset.copied = ok ? text : "";
    button.classList.toggle("copied", ok);
    button.textContent = ok ? "Copied ✓" : "Select and copy by hand";
    ui.announce.textContent = ok ? "Copied to the clipboard." : "Could not copy; select the text and copy it by hand.";
    setTimeout(() => { button.textContent = "Copy"; button.classList.remove("copied"); }, 2500);
  }

  // --- wiring -------------------------------------------------------------------------------

  ui.draft.addEventListener("input", () => {
    updateCount();
    clearTimeout(state.timer);
    state.timer = setTimeout(() => analyse(false), DEBOUNCE_MS);
  });
  ui.draft.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); analyse(true); }
  });
  ui.check.addEventListener("click", () => analyse(true));
  ui.clear.addEventListener("click", () => {
    ui.draft.value = "";
    updateCount();
    resetResult();
    showError("");
    ui.draft.focus();
  });
  for (const button of document.querySelectorAll("button.copy")) button.addEventListener("click", () => copy(button));
  ui.marked.addEventListener("mouseover", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark) showTip(mark);
  });
  ui.marked.addEventListener("mouseleave", hideTip);
  ui.marked.addEventListener("focusin", (event) => {
    const mark = event.target.closest("mark.hl");
    if (mark) showTip(mark);
  });
  ui.marked.addEventListener("focusout", hideTip);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hideTip(); });

  updateCount();
  pollHealth();
})();

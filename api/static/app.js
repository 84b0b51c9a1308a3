// referat's search page: plain JS over the JSON API (/facets, /search, /cases, /items).
// The page state lives in the URL query (?q=..., ?case=..., ?item=...), so every view is linkable.

import {
  $, danishDate, el, formatDate, getJSON, isoDate, outcomeBadge, plural, snippetNode, srOnly,
} from "./dom.js";
import { renderItem } from "./item.js";
import { casePath } from "./case.js";

const PAGE = 10;
const SEARCH_KEYS = ["q", "committee", "municipality", "date_from", "date_to"];
const DATE_KEYS = ["date_from", "date_to"];
const FILTER_NAMES = {
  committee: "udvalg", municipality: "kommune", date_from: "dato fra", date_to: "dato til",
};

// seq numbers the views asked for, so a slow answer to an earlier one is dropped.
const state = { search: null, shown: [], total: 0, opener: null, resultsKey: null, seq: 0 };

function showError(message) {
  const box = $("error");
  box.textContent = message ? `Fejl: ${message}` : "";
  box.hidden = !message;
}

function setStatus(text) { $("status").textContent = text; }

// ---- routing ---------------------------------------------------------------------

function currentParams() { return new URLSearchParams(window.location.search); }

function navigate(params) {
  const query = params.toString();
  const url = query ? `?${query}` : window.location.pathname;
  if (`?${query}` === window.location.search) {
    window.history.replaceState(window.history.state, "", url); // same view: no new entry
  } else {
    window.history.pushState({ app: true }, "", url);
  }
  route();
}

function route() {
  const params = currentParams();
  showError("");
  if (params.get("item")) return openItem(params.get("item"));
  if (params.get("case")) return lookupCase(params.get("case"));
  if (params.get("q")) return runSearch(params);
  state.seq += 1;
  state.resultsKey = null;
  showSearchView();
  $("results").hidden = true;
  setStatus("");
  return undefined;
}

function showSearchView() {
  $("item-view").hidden = true;
  $("search-view").hidden = false;
  document.title = "Referat – søg i kommunale referater";
}

function goBack() {
  if (window.history.state && window.history.state.app) {
    window.history.back();
  } else {
    navigate(new URLSearchParams(state.search || ""));
  }
}

// ---- facets and the search form ---------------------------------------------------

function fillSelect(select, values) {
  for (const value of values) select.append(el("option", { value }, value));
}

async function loadFacets() {
  try {
    const facets = await getJSON("/facets");
    fillSelect($("committee"), facets.committees || []);
    fillSelect($("municipality"), facets.municipalities || []);
  } catch (error) {
    showError(`Filtrene kunne ikke hentes: ${error.message}`);
  }
}

function setFormFrom(params) {
  for (const key of SEARCH_KEYS) {
    const input = $(key);
    const value = params.get(key) || "";
    if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
      input.append(el("option", { value }, value));
    }
    input.value = DATE_KEYS.includes(key) ? danishDate(value) : value;
  }
}

function onSearchSubmit(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const key of SEARCH_KEYS) {
    const value = $(key).value.trim();
    if (!value) continue;
    const iso = DATE_KEYS.includes(key) ? isoDate(value) : value;
    if (iso === null) {
      showError(`»${value}« er ingen dato: skriv dd-mm-åååå, fx 05-05-2010.`);
      $(key).focus();
      return;
    }
    params.set(key, iso);
  }
  if (!params.get("q")) {
    showError("Skriv et eller flere søgeord.");
    $("q").focus();
    return;
  }
  const from = params.get("date_from");
  const to = params.get("date_to");
  if (from && to && from > to) {
    showError("»Dato fra« skal ligge før »Dato til«.");
    $("date_from").focus();
    return;
  }
  navigate(params);
}

function onCaseSubmit(event) {
  event.preventDefault();
  const value = $("case").value.trim();
  if (!value) {
    showError("Skriv et sagsnummer, fx 15.40.00-P20-2-19.");
    $("case").focus();
    return;
  }
  navigate(new URLSearchParams({ case: value }));
}

// ---- results -------------------------------------------------------------------------

function hitNode(hit) {
  const link = el("a", { href: `?item=${encodeURIComponent(hit.item_id)}`,
    "data-item-id": hit.item_id }, hit.title || "(uden titel)");
  const meta = [hit.committee, hit.municipality, formatDate(hit.meeting_date),
    hit.item_number ? `punkt ${hit.item_number}` : ""].filter(Boolean).join(" · ");
  const cases = (hit.case_numbers || []).length
    ? el("p", { className: "cases" }, `Sagsnr.: ${hit.case_numbers.join(", ")}`) : null;
  const snippet = hit.snippet
    ? el("p", { className: "snippet" },
      hit.section ? el("span", { className: "section-name" }, `${hit.section}: `) : null,
      snippetNode(hit.snippet))
    : null;
  const outcome = hit.outcome || (hit.decision && hit.decision.outcome);
  const summary = hit.decision_summary || (hit.decision && hit.decision.summary);
  const decision = outcome || summary
    ? el("p", { className: "decision-line" }, srOnly("Beslutning: "), outcomeBadge(outcome),
      summary ? el("span", { className: "summary" }, summary) : null)
    : null;
  return el("li", {}, el("article", { className: "hit" },
    el("h3", {}, link), el("p", { className: "meta" }, meta), cases, snippet, decision,
    casePath(hit.case, hit.item_id)));
}

function renderHits(hits, append) {
  const list = $("hits");
  if (!append) list.replaceChildren();
  const nodes = hits.map(hitNode);
  list.append(...nodes);
  state.shown = append ? state.shown.concat(hits) : hits.slice();
  $("results").hidden = false;
  const ids = state.shown.slice(0, 200).map((h) => h.item_id);
  const csv = $("csv-link");
  csv.hidden = ids.length === 0;
  csv.href = `/entities?format=csv&${ids.map((id) => `item_id=${encodeURIComponent(id)}`).join("&")}`;
  $("more").hidden = state.shown.length >= state.total || hits.length === 0;
  return nodes;
}

function renderInferred(filters) {
  const box = $("inferred");
  const inferred = (filters && filters.inferred) || {};
  const parts = Object.entries(inferred).map(([k, v]) => `${FILTER_NAMES[k] || k}: ${v}`);
  box.textContent = parts.length ? `Filtre udledt af spørgsmålet – ${parts.join(", ")}` : "";
  box.hidden = parts.length === 0;
}

async function fetchPage(params, offset) {
  const query = new URLSearchParams(params);
  query.set("limit", String(PAGE));
  query.set("offset", String(offset));
  return getJSON(`/search?${query}`);
}

async function runSearch(params) {
  showSearchView();
  setFormFrom(params);
  const key = params.toString();
  if (state.resultsKey === key && !$("results").hidden) return restoreFocus();
  const ticket = ++state.seq;
  state.search = key;
  $("results").setAttribute("aria-busy", "true");
  setStatus("Søger …");
  try {
    const result = await fetchPage(params, 0);
    if (ticket !== state.seq) return undefined;
    state.total = result.total;
    state.resultsKey = key;
    $("results-heading").textContent = "Resultater";
    renderInferred(result.filters);
    renderHits(result.hits, false);
    setStatus(result.total
      ? `${plural(result.total, "resultat", "resultater")} for »${result.query}«.`
      : `Ingen resultater for »${result.query}«. Prøv andre ord eller færre filtre.`);
  } catch (error) {
    if (ticket !== state.seq) return undefined;
    state.resultsKey = null;
    $("results").hidden = true;
    setStatus("");
    showError(error.message);
  } finally {
    $("results").removeAttribute("aria-busy");
  }
  return undefined;
}

async function showMore() {
  const params = new URLSearchParams(state.search || "");
  try {
    const result = await fetchPage(params, state.shown.length);
    const nodes = renderHits(result.hits, true);
    setStatus(`Viser ${state.shown.length} af ${plural(state.total, "resultat", "resultater")}.`);
    if (nodes.length) nodes[0].querySelector("a").focus();
  } catch (error) {
    showError(error.message);
  }
}

async function lookupCase(caseNumber) {
  showSearchView();
  $("case").value = caseNumber;
  state.search = new URLSearchParams({ case: caseNumber }).toString();
  if (state.resultsKey === state.search && !$("results").hidden) return restoreFocus();
  const ticket = ++state.seq;
  setStatus("Slår sagsnummeret op …");
  try {
    const result = await getJSON(`/cases/${encodeURIComponent(caseNumber)}`);
    if (ticket !== state.seq) return undefined;
    state.total = result.items.length;
    state.resultsKey = state.search;
    $("results-heading").textContent = `Sag ${caseNumber}`;
    renderInferred(null);
    renderHits(result.items, false);
    setStatus(`${plural(result.items.length, "dagsordenspunkt", "dagsordenspunkter")} med sagsnummer ${caseNumber}.`);
  } catch (error) {
    if (ticket !== state.seq) return undefined;
    state.resultsKey = null;
    $("results").hidden = true;
    setStatus("");
    showError(error.status === 404
      ? `Ingen dagsordenspunkter har sagsnummeret »${caseNumber}«. Tjek nummeret, eller søg på emnet i stedet.`
      : error.message);
  }
  return undefined;
}

function restoreFocus() {
  const target = state.opener
    && document.querySelector(`#hits a[data-item-id="${CSS.escape(state.opener)}"]`);
  (target || $("q")).focus();
}

async function openItem(itemId) {
  state.opener = itemId;
  const ticket = ++state.seq;
  setStatus("Henter dagsordenspunktet …");
  try {
    const item = await getJSON(`/items/${encodeURIComponent(itemId)}`);
    if (ticket !== state.seq) return;
    renderItem(item);
    $("search-view").hidden = true;
    $("item-view").hidden = false;
    setStatus(`Viser »${item.title}«.`);
    $("item-title").focus();
    window.scrollTo(0, 0);
  } catch (error) {
    if (ticket !== state.seq) return;
    showSearchView();
    setStatus("");
    showError(error.status === 404
      ? "Dagsordenspunktet findes ikke (længere). Søg efter det igen." : error.message);
  }
}

// ---- wiring ------------------------------------------------------------------------------

function onHitClick(event) {
  const link = event.target.closest("a[data-item-id]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(new URLSearchParams({ item: link.dataset.itemId }));
}

async function start() {
  $("search-form").addEventListener("submit", onSearchSubmit);
  $("case-form").addEventListener("submit", onCaseSubmit);
  $("hits").addEventListener("click", onHitClick);
  $("more").addEventListener("click", showMore);
  $("back").addEventListener("click", goBack);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("item-view").hidden) goBack();
  });
  window.addEventListener("popstate", route);
  await loadFacets();
  await route();
}

start();

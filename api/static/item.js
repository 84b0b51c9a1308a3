// The item view: meta, the decision block, and the entities highlighted in the section texts.

import { casePath } from "./case.js";
import { $, ENTITY_TYPES, el, formatDate, outcomeBadge, srOnly } from "./dom.js";
import { voteTables } from "./votes.js";

function placeEntities(sections, entities) {
  const placed = sections.map(() => []);
  for (const entity of entities) {
    const candidates = sections.map((s, i) => i).filter((i) => sections[i].heading === entity.section);
    const exact = candidates.find((i) => sections[i].text.slice(entity.start, entity.end) === entity.text);
    const index = exact !== undefined ? exact
      : candidates.find((i) => entity.end <= sections[i].text.length);
    if (index !== undefined && entity.start < entity.end) placed[index].push(entity);
  }
  return placed.map((list) => list.sort((a, b) => a.start - b.start || b.end - a.end));
}

function highlighted(text, entities) {
  const out = el("p", { className: "section-text" });
  let pos = 0;
  for (const entity of entities) {
    if (entity.start < pos) continue; // overlaps the previous one
    const label = ENTITY_TYPES[entity.type] || entity.type;
    out.append(text.slice(pos, entity.start));
    out.append(el("mark", { className: `ent ent-${entity.type}`,
      title: `${label}: ${entity.normalized}` }, text.slice(entity.start, entity.end),
    srOnly(` (${label})`)));
    pos = entity.end;
  }
  out.append(text.slice(pos));
  return out;
}

function renderLegend(entities) {
  const counts = {};
  for (const e of entities) counts[e.type] = (counts[e.type] || 0) + 1;
  const items = Object.keys(ENTITY_TYPES).filter((t) => counts[t]).map((t) =>
    el("li", {}, el("span", { className: `swatch ent ent-${t}`, "aria-hidden": "true" }),
      `${ENTITY_TYPES[t]} (${counts[t]})`));
  $("legend-list").replaceChildren(...items);
  $("entity-legend").hidden = items.length === 0;
}

function renderDecision(decision) {
  const box = $("decision-body");
  box.replaceChildren();
  $("decision").hidden = !decision;
  if (!decision) return;
  box.append(el("p", { className: "decision-line" }, outcomeBadge(decision.outcome),
    el("span", { className: "summary" }, decision.summary || "")));
  box.append(el("blockquote", { className: "decision-text" }, decision.text));
  if ((decision.clauses || []).length > 1) {
    box.append(el("ol", { className: "clauses" }, ...decision.clauses.map((c) =>
      el("li", {}, outcomeBadge(c.outcome), " ", c.text))));
  }
  box.append(...voteTables(decision));
}

function renderMeta(item) {
  const rows = [["Kommune", item.municipality], ["Udvalg", item.committee],
    ["Mødedato", formatDate(item.meeting_date)], ["Punkt", item.item_number],
    ["Sagsnumre", (item.case_numbers || []).join(", ")], ["Kilde", item.source]];
  $("item-meta").replaceChildren(...rows.filter(([, v]) => v).flatMap(([k, v]) =>
    [el("dt", {}, k), el("dd", {}, v)]));
}

export function renderItem(item) {
  $("item-title").textContent = item.title || "(uden titel)";
  document.title = `${item.title} – Referat`;
  renderMeta(item);
  renderCase(item);
  renderDecision(item.decision);
  renderLegend(item.entities || []);
  const sections = item.sections || [];
  const placed = placeEntities(sections, item.entities || []);
  $("sections").replaceChildren(...sections.map((s, i) => el("section", { className: "item-section" },
    el("h3", {}, s.heading || "Tekst"), highlighted(s.text, placed[i]))));
}

function renderCase(item) {
  const old = document.getElementById("case-path");
  if (old) old.remove();
  const path = casePath(item.case, item.item_id);
  if (!path) return;
  path.id = "case-path";
  $("item-meta").after(path);
}

// A case's path through the bodies: "Borgerrepræsentationen 25. juni 2026: henvist -> ...".

import { el, formatDate } from "./dom.js";

const OUTCOME_WORDS = {
  approved: "godkendt", rejected: "forkastet", noted: "taget til efterretning",
  postponed: "udsat", referred: "henvist", discussed: "drøftet", other: "behandlet",
};

function stepWords(entry) {
  const outcome = OUTCOME_WORDS[entry.outcome]
    || (entry.kind === "dagsorden" ? "på dagsordenen" : "behandlet");
  return `${entry.committee || "ukendt udvalg"} ${formatDate(entry.meeting_date)}: ${outcome}`;
}

// The path as a list of links (the current item not linked); null for a case of one item.
export function casePath(kase, currentId) {
  const entries = ((kase && kase.items) || []).filter((e) => !e.superseded);
  if (entries.length < 2) return null;
  const steps = entries.map((entry, i) => {
    const words = stepWords(entry);
    const label = entry.item_id === currentId
      ? el("strong", { "aria-current": "step" }, words)
      : el("a", { href: `?item=${encodeURIComponent(entry.item_id)}`,
        "data-item-id": entry.item_id, title: entry.title }, words);
    return el("li", {}, i ? el("span", { className: "arrow", "aria-hidden": "true" }, " → ") : null, label);
  });
  return el("nav", { className: "case-path", "aria-label": "Sagens forløb" },
    el("ol", {}, ...steps));
}

// The votes of a decision, one table a vote taken, one row a party (or named member).

import { el, outcomeBadge } from "./dom.js";

const WAYS = [["for", "For"], ["against", "Imod"], ["abstained", "Undlod"]];

function votesTaken(decision) {
  const taken = [];
  const seen = new Set();
  const add = (vote, what, outcome) => {
    const key = vote.ballot !== undefined && vote.ballot !== null ? vote.ballot : JSON.stringify(vote);
    if (seen.has(key)) return;
    seen.add(key);
    taken.push({ vote, what, outcome });
  };
  for (const a of decision.amendments || []) {
    if (a.vote) add(a.vote, `ændringsforslag${a.proposed_by ? ` fra ${a.proposed_by}` : ""}`, a.outcome);
  }
  for (const c of decision.clauses || []) if (c.vote) add(c.vote, c.text, c.outcome);
  if (decision.votes) add(decision.votes, "beslutningen", decision.outcome);
  return taken;
}

function tally(counts) {
  if (!counts) return "";
  return ` – ${counts.for} for, ${counts.against} imod, ${counts.abstained} undlod`;
}

export function voteTables(decision) {
  return votesTaken(decision).map(({ vote, what, outcome }) => {
    const rows = WAYS.flatMap(([side, label]) => (vote[side] || []).map((who) =>
      el("tr", {}, el("th", { scope: "row" }, who), el("td", { className: `vote-${side}` }, label))));
    const short = what.length > 120 ? `${what.slice(0, 119)}…` : what;
    return el("figure", { className: "vote" },
      el("figcaption", {}, outcomeBadge(outcome), ` Afstemning om ${short}${tally(vote.counts)}`),
      rows.length ? el("table", { className: "vote-parties" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Parti"), el("th", { scope: "col" }, "Stemte"))),
        el("tbody", {}, ...rows)) : null);
  });
}

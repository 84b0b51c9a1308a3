// Shared helpers of referat's page: DOM building, dates, the JSON client, snippets, badges.

export const OUTCOMES = {
  approved: "Godkendt", rejected: "Forkastet", noted: "Taget til efterretning",
  postponed: "Udsat", referred: "Oversendt", discussed: "Drøftet", other: "Andet",
};
export const ENTITY_TYPES = {
  COMMITTEE: "Udvalg", PERSON: "Person", ORGANIZATION: "Organisation", LOCATION: "Sted",
  DATE: "Dato", AMOUNT: "Beløb", CASE_NUMBER: "Sagsnummer",
};

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className" || key === "textContent" || key === "href" || key === "hidden") {
      node[key] = value;
    } else {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== "") node.append(child);
  }
  return node;
}

export const srOnly = (text) => el("span", { className: "sr-only" }, text);

export function formatDate(iso) {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return date.toLocaleDateString("da-DK", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
}

// Dates in the form fields are Danish, whatever the browser's locale: dd-mm-åååå (also
// dd.mm.åååå, dd/mm/åååå, d-m-åååå, or ISO åååå-mm-dd); the URL and the API keep ISO.
export function danishDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (iso || "");
}

export function isoDate(text) {
  const value = text.trim();
  let m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value);
  const [day, month, year] = m ? [+m[1], +m[2], +m[3]]
    : (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)) ? [+m[3], +m[2], +m[1]] : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function plural(n, one, many) {
  return `${n.toLocaleString("da-DK")} ${n === 1 ? one : many}`;
}

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

function detailOf(body) {
  if (!body || body.detail === undefined) return null;
  if (typeof body.detail === "string") return body.detail;
  if (Array.isArray(body.detail)) {
    return body.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ");
  }
  return JSON.stringify(body.detail);
}

export async function getJSON(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (_) {
    throw new ApiError("Kunne ikke kontakte serveren. Tjek forbindelsen og prøv igen.", 0);
  }
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    throw new ApiError(detailOf(body) || `Serveren svarede med fejl ${response.status}.`,
      response.status);
  }
  return body;
}

// The server escapes the snippet and wraps matches in <mark>; keep only text and <mark>.
export function snippetNode(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = el("span", { className: "snippet-text" });
  const walk = (node, target) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) target.append(child.textContent);
      else if (child.nodeName === "MARK") walk(child, target.appendChild(el("mark")));
      else walk(child, target);
    }
  };
  walk(template.content, out);
  return out;
}

export function outcomeBadge(outcome) {
  if (!outcome) return null;
  return el("span", { className: `badge outcome-${outcome}` }, OUTCOMES[outcome] || outcome);
}

// Checks a Meeting Guide feed (read on stdin) against the specification (code4recovery/spec):
// every type code against the package's own list, every field against the fields the README and
// schema/meeting.schema.json define, with their value types and formats (the schema's US-only
// patterns for state, postal code and city are left out: they refuse any French address).
// Prints a JSON list of errors; the types that are not the spec's own (allowed as custom types)
// are given as arguments.
import { isMeetingType } from "@code4recovery/spec";

const custom = new Set(process.argv.slice(2));
const text = (max) => (v) => typeof v === "string" && v.length > 0 && v.length <= max;
const anyText = (v) => typeof v === "string";
const hhmm = (v) => typeof v === "string" && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(v);
const uri = (v) => typeof v === "string" && URL.canParse(v) && /^https?:/.test(v);
const day = (v) => Number.isInteger(v) && v >= 0 && v <= 6;
const email = (v) => typeof v === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v);
const number = (v) => typeof v === "number" && Number.isFinite(v);
const fields = {
  name: text(255),
  slug: (v) => (typeof v === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(v)) || Number.isInteger(v),
  day: (v) => day(v) || (Array.isArray(v) && v.length > 0 && v.every(day)),
  time: hhmm,
  end_time: hhmm,
  timezone: (v) => {
    try {
      return typeof v === "string" && Intl.DateTimeFormat(undefined, { timeZone: v }) && true;
    } catch {
      return false;
    }
  },
  formatted_address: anyText,
  address: anyText,
  city: anyText,
  state: anyText,
  postal_code: anyText,
  country: anyText,
  region: anyText,
  sub_region: anyText,
  regions: (v) => Array.isArray(v) && v.every(anyText),
  latitude: number,
  longitude: number,
  approximate: (v) => v === "yes" || v === "no",
  conference_url: uri,
  conference_url_notes: anyText,
  conference_phone: (v) => typeof v === "string" && /^[0-9+,*#]+$/.test(v),
  conference_phone_notes: anyText,
  types: (v) => Array.isArray(v) && v.every((t) => typeof t === "string"),
  notes: (v) => typeof v === "string" && !/<[a-z/][^>]*>/i.test(v),
  location: anyText,
  location_notes: anyText,
  group: anyText,
  group_notes: anyText,
  updated: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v),
  venmo: anyText,
  square: anyText,
  paypal: anyText,
  url: uri,
  edit_url: uri,
  feedback_url: (v) => uri(v) || (typeof v === "string" && v.startsWith("mailto:")),
  entity: anyText,
  entity_email: email,
  entity_feedback_emails: (v) => Array.isArray(v) && v.every(email),
  feedback_emails: (v) => Array.isArray(v) && v.every(email),
  entity_location: anyText,
  entity_logo: (v) => uri(v) && v.startsWith("https:"),
  entity_phone: anyText,
  entity_website_url: uri,
};
for (const n of [1, 2, 3]) {
  fields[`contact_${n}_name`] = anyText;
  fields[`contact_${n}_email`] = email;
  fields[`contact_${n}_phone`] = anyText;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const feed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const errors = [];
if (!Array.isArray(feed)) errors.push("the feed is not a JSON array");
const slugs = new Set();
for (const [index, meeting] of (Array.isArray(feed) ? feed : []).entries()) {
  const where = `meeting ${index} (${meeting && meeting.slug})`;
  if (meeting === null || typeof meeting !== "object" || Array.isArray(meeting)) {
    errors.push(`${where}: not an object`);
    continue;
  }
  for (const required of ["name", "slug"]) {
    if (!(required in meeting)) errors.push(`${where}: no ${required}`);
  }
  if (slugs.has(meeting.slug)) errors.push(`${where}: slug used twice`);
  slugs.add(meeting.slug);
  if (("day" in meeting) !== ("time" in meeting)) errors.push(`${where}: day without time or time without day`);
  if ("end_time" in meeting && !("time" in meeting)) errors.push(`${where}: end_time without time`);
  const entityFields = Object.keys(meeting).filter((k) => k.startsWith("entity_"));
  if (entityFields.length && !("entity" in meeting)) errors.push(`${where}: entity_* without entity`);
  for (const [key, value] of Object.entries(meeting)) {
    if (!(key in fields)) errors.push(`${where}: ${key} is not a field of the specification`);
    else if (!fields[key](value)) errors.push(`${where}: ${key} has a wrong value ${JSON.stringify(value)}`);
  }
  for (const type of Array.isArray(meeting.types) ? meeting.types : []) {
    if (!isMeetingType(type) && !custom.has(type)) errors.push(`${where}: ${type} is not a meeting type of the specification`);
  }
}
process.stdout.write(JSON.stringify(errors));

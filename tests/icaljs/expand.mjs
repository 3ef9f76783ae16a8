// Reads an iCalendar file on standard input with ical.js, the parser of Thunderbird and
// Nextcloud, and prints as JSON every occurrence that starts between two instants (Unix seconds,
// the arguments): its UID, RECURRENCE-ID, local start as written, and the instant ical.js
// computes from the file's own VTIMEZONE. The tests compare that instant with our meetings.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [after, before] = process.argv.slice(2).map(Number);
const root = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function occurrence(event, start, end, recurrenceId) {
  return {
    uid: event.uid,
    recurrence_id: recurrenceId,
    summary: text(event.component, "summary"),
    location: text(event.component, "location"),
    status: text(event.component, "status"),
    zone: start.zone ? start.zone.tzid : null,
    local: start.toString(),
    start: start.toUnixTime(),
    end: end.toUnixTime(),
  };
}

const vevents = root.getAllSubcomponents("vevent");
const masters = new Map();
const standalone = [];
for (const component of vevents) {
  if (!component.hasProperty("recurrence-id")) {
    masters.set(text(component, "uid"), new ICAL.Event(component));
  }
}
for (const component of vevents) {
  if (component.hasProperty("recurrence-id")) {
    const master = masters.get(text(component, "uid"));
    if (master) {
      master.relateException(component);
    } else {
      standalone.push(new ICAL.Event(component));
    }
  }
}

const found = [];
for (const event of [...masters.values(), ...standalone]) {
  if (!event.isRecurring()) {
    const recurrenceId = event.recurrenceId ? event.recurrenceId.toUnixTime() : null;
    found.push(occurrence(event, event.startDate, event.endDate, recurrenceId));
    continue;
  }
  const iterator = event.iterator();
  // A moved occurrence may leave its place by a few days: look a little beyond the window.
  const margin = 366 * 86400;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toUnixTime() > before + margin) {
      break;
    }
    const details = event.getOccurrenceDetails(next);
    const id = details.item.isRecurrenceException() ? next.toUnixTime() : null;
    found.push(occurrence(details.item, details.startDate, details.endDate, id));
  }
}

const inWindow = found.filter((each) => each.start >= after && each.start < before);
inWindow.sort((a, b) => a.start - b.start);
process.stdout.write(JSON.stringify(inWindow));

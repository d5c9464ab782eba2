import { describe, expect, it } from "vitest";
import { isOpen, nextOpenAt, type WorkingHours, zonedWallTimeToInstant } from "./working-hours";

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [0, 1, 2, 3, 4, 5, 6];
const at = (iso: string) => new Date(iso);
const next = (hours: WorkingHours | null, iso: string) => nextOpenAt(hours, at(iso))?.toISOString();

describe("zonedWallTimeToInstant", () => {
  const wall = (iso: string) => Date.parse(`${iso}Z`);
  const instant = (iso: string, tz: string) =>
    new Date(zonedWallTimeToInstant(wall(iso), tz)).toISOString();

  it("converts an ordinary wall time with the zone's offset", () => {
    expect(instant("2025-01-15T09:00:00", "Europe/Madrid")).toBe("2025-01-15T08:00:00.000Z");
    expect(instant("2025-07-15T09:00:00", "Europe/Madrid")).toBe("2025-07-15T07:00:00.000Z");
    expect(instant("2025-01-15T09:00:00", "Asia/Kolkata")).toBe("2025-01-15T03:30:00.000Z");
    expect(instant("2025-01-15T09:00:00", "UTC")).toBe("2025-01-15T09:00:00.000Z");
  });

  it("moves a wall time inside a spring-forward gap to the moment of the change", () => {
    expect(instant("2025-03-30T02:30:00", "Europe/Madrid")).toBe("2025-03-30T01:00:00.000Z");
    expect(instant("2025-03-30T02:00:00", "Europe/Madrid")).toBe("2025-03-30T01:00:00.000Z");
    expect(instant("2025-03-09T02:15:00", "America/New_York")).toBe("2025-03-09T07:00:00.000Z");
    // Lord Howe springs forward by half an hour.
    expect(instant("2025-10-05T02:15:00", "Australia/Lord_Howe")).toBe("2025-10-04T15:30:00.000Z");
  });

  it("picks the earlier instant for a wall time that happens twice in autumn", () => {
    expect(instant("2025-10-26T02:30:00", "Europe/Madrid")).toBe("2025-10-26T00:30:00.000Z");
    expect(instant("2025-11-02T01:30:00", "America/New_York")).toBe("2025-11-02T05:30:00.000Z");
  });

  it("converts the first valid minutes after a change with the new offset", () => {
    expect(instant("2025-03-30T03:00:00", "Europe/Madrid")).toBe("2025-03-30T01:00:00.000Z");
    expect(instant("2025-10-26T03:00:00", "Europe/Madrid")).toBe("2025-10-26T02:00:00.000Z");
  });
});

describe("working hours", () => {
  const madridOffice: WorkingHours = {
    timezone: "Europe/Madrid",
    days: weekdays,
    open: "09:00",
    close: "17:00",
  };

  it("is always open without working hours", () => {
    expect(isOpen(null, at("2025-01-18T03:00:00Z"))).toBe(true);
    expect(nextOpenAt(null, at("2025-01-18T03:00:00Z"))).toBeNull();
  });

  it("opens at the opening minute inclusive and closes at the closing minute", () => {
    // Wednesday 15 January 2025, Madrid is UTC+1.
    expect(isOpen(madridOffice, at("2025-01-15T07:59:59Z"))).toBe(false);
    expect(next(madridOffice, "2025-01-15T07:59:59Z")).toBe("2025-01-15T08:00:00.000Z");
    expect(isOpen(madridOffice, at("2025-01-15T08:00:00Z"))).toBe(true);
    expect(nextOpenAt(madridOffice, at("2025-01-15T08:00:00Z"))).toBeNull();
    expect(isOpen(madridOffice, at("2025-01-15T15:59:59.999Z"))).toBe(true);
    expect(isOpen(madridOffice, at("2025-01-15T16:00:00Z"))).toBe(false);
    expect(next(madridOffice, "2025-01-15T16:00:00Z")).toBe("2025-01-16T08:00:00.000Z");
  });

  it("goes from Friday evening to Monday morning over the weekend", () => {
    expect(next(madridOffice, "2025-01-17T17:00:00Z")).toBe("2025-01-20T08:00:00.000Z");
    expect(isOpen(madridOffice, at("2025-01-18T10:00:00Z"))).toBe(false);
    expect(next(madridOffice, "2025-01-18T10:00:00Z")).toBe("2025-01-20T08:00:00.000Z");
    expect(next(madridOffice, "2025-01-19T22:59:59Z")).toBe("2025-01-20T08:00:00.000Z");
  });

  it("stays closed during opening time on a day that is not listed", () => {
    const mwf: WorkingHours = { ...madridOffice, days: [1, 3, 5] };
    // Tuesday 14 January, 10:00 in Madrid.
    expect(isOpen(mwf, at("2025-01-14T09:00:00Z"))).toBe(false);
    expect(next(mwf, "2025-01-14T09:00:00Z")).toBe("2025-01-15T08:00:00.000Z");
    expect(isOpen(mwf, at("2025-01-15T09:00:00Z"))).toBe(true);
  });

  it("uses the local date, not the UTC one, around midnight", () => {
    const kolkata: WorkingHours = { ...madridOffice, timezone: "Asia/Kolkata" };
    // 20:00 UTC on Wednesday is already 01:30 on Thursday in Kolkata.
    expect(isOpen(kolkata, at("2025-01-15T20:00:00Z"))).toBe(false);
    expect(next(kolkata, "2025-01-15T20:00:00Z")).toBe("2025-01-16T03:30:00.000Z");
    // 23:30 on Friday in Madrid: the next opening is Monday, not Saturday.
    expect(next(madridOffice, "2025-01-17T22:30:00Z")).toBe("2025-01-20T08:00:00.000Z");
    // Just after midnight on a working day it opens the same day.
    expect(next(madridOffice, "2025-01-15T23:30:00Z")).toBe("2025-01-16T08:00:00.000Z");
  });

  it("handles half-hour offsets to the minute", () => {
    const kolkata: WorkingHours = {
      timezone: "Asia/Kolkata",
      days: weekdays,
      open: "09:00",
      close: "17:30",
    };
    // Monday 13 January 2025, Kolkata is UTC+5:30.
    expect(isOpen(kolkata, at("2025-01-13T03:29:59Z"))).toBe(false);
    expect(isOpen(kolkata, at("2025-01-13T03:30:00Z"))).toBe(true);
    expect(isOpen(kolkata, at("2025-01-13T11:59:59Z"))).toBe(true);
    expect(isOpen(kolkata, at("2025-01-13T12:00:00Z"))).toBe(false);
    expect(next(kolkata, "2025-01-13T12:00:00Z")).toBe("2025-01-14T03:30:00.000Z");
    const kathmandu: WorkingHours = { ...kolkata, timezone: "Asia/Kathmandu" };
    expect(next(kathmandu, "2025-01-13T00:00:00Z")).toBe("2025-01-13T03:15:00.000Z");
  });

  describe("overnight hours (close before open)", () => {
    const fridayNights: WorkingHours = {
      timezone: "Europe/Madrid",
      days: [5],
      open: "22:00",
      close: "06:00",
    };

    it("opens on a listed evening and stays open until the close the next morning", () => {
      // Friday 17 January 2025.
      expect(isOpen(fridayNights, at("2025-01-17T20:59:59Z"))).toBe(false);
      expect(next(fridayNights, "2025-01-17T20:59:59Z")).toBe("2025-01-17T21:00:00.000Z");
      expect(isOpen(fridayNights, at("2025-01-17T21:00:00Z"))).toBe(true);
      expect(isOpen(fridayNights, at("2025-01-17T23:30:00Z"))).toBe(true);
      // Saturday is not listed, but Friday's night runs into it.
      expect(isOpen(fridayNights, at("2025-01-18T04:59:59Z"))).toBe(true);
      expect(isOpen(fridayNights, at("2025-01-18T05:00:00Z"))).toBe(false);
      expect(next(fridayNights, "2025-01-18T05:00:00Z")).toBe("2025-01-24T21:00:00.000Z");
    });

    it("does not open in the small hours after a day that is not listed", () => {
      // 03:00 on Friday belongs to Thursday's night, and Thursday is not listed.
      expect(isOpen(fridayNights, at("2025-01-17T02:00:00Z"))).toBe(false);
      expect(next(fridayNights, "2025-01-17T02:00:00Z")).toBe("2025-01-17T21:00:00.000Z");
      // Thursday 23:00 is inside the time range but on an unlisted day.
      expect(isOpen(fridayNights, at("2025-01-16T22:00:00Z"))).toBe(false);
    });

    it("lasts a real hour less across the spring change and an hour more across autumn", () => {
      const saturdayNights: WorkingHours = { ...fridayNights, days: [6] };
      // Saturday 29 March 22:00 CET → Sunday 30 March 06:00 CEST: 7 real hours.
      expect(isOpen(saturdayNights, at("2025-03-29T21:00:00Z"))).toBe(true);
      expect(isOpen(saturdayNights, at("2025-03-30T03:59:59Z"))).toBe(true);
      expect(isOpen(saturdayNights, at("2025-03-30T04:00:00Z"))).toBe(false);
      // Saturday 25 October 22:00 CEST → Sunday 26 October 06:00 CET: 9 real hours.
      expect(isOpen(saturdayNights, at("2025-10-25T20:00:00Z"))).toBe(true);
      expect(isOpen(saturdayNights, at("2025-10-26T04:59:59Z"))).toBe(true);
      expect(isOpen(saturdayNights, at("2025-10-26T05:00:00Z"))).toBe(false);
    });
  });

  it("treats equal open and close times as the whole day", () => {
    const allDay: WorkingHours = { ...madridOffice, open: "00:00", close: "00:00" };
    expect(isOpen(allDay, at("2025-01-14T22:59:59Z"))).toBe(true);
    // Saturday 00:00 in Madrid.
    expect(isOpen(allDay, at("2025-01-17T23:00:00Z"))).toBe(false);
    expect(next(allDay, "2025-01-17T23:00:00Z")).toBe("2025-01-19T23:00:00.000Z");
  });

  describe("across DST in Europe/Madrid", () => {
    it("opens on Monday with the new summer offset after the spring change", () => {
      // Friday 28 March 18:00 CET → Monday 31 March 09:00 CEST.
      expect(next(madridOffice, "2025-03-28T17:00:00Z")).toBe("2025-03-31T07:00:00.000Z");
    });

    it("opens on Monday with the winter offset after the autumn change", () => {
      // Friday 24 October 18:00 CEST → Monday 27 October 09:00 CET.
      expect(next(madridOffice, "2025-10-24T16:00:00Z")).toBe("2025-10-27T08:00:00.000Z");
    });

    it("opens at the change when the opening time falls in the spring gap", () => {
      const earlySunday: WorkingHours = {
        timezone: "Europe/Madrid",
        days: [0],
        open: "02:30",
        close: "04:00",
      };
      expect(isOpen(earlySunday, at("2025-03-30T00:59:59Z"))).toBe(false);
      expect(next(earlySunday, "2025-03-30T00:00:00Z")).toBe("2025-03-30T01:00:00.000Z");
      expect(isOpen(earlySunday, at("2025-03-30T01:00:00Z"))).toBe(true);
      expect(isOpen(earlySunday, at("2025-03-30T01:59:59Z"))).toBe(true);
      expect(isOpen(earlySunday, at("2025-03-30T02:00:00Z"))).toBe(false);
    });

    it("uses the first of two identical autumn wall times for both ends", () => {
      const shortWindow: WorkingHours = {
        timezone: "Europe/Madrid",
        days: [0],
        open: "02:30",
        close: "02:45",
      };
      expect(isOpen(shortWindow, at("2025-10-26T00:30:00Z"))).toBe(true);
      expect(isOpen(shortWindow, at("2025-10-26T00:45:00Z"))).toBe(false);
      // The wall clock shows 02:35 again an hour later, but the window has already closed.
      expect(isOpen(shortWindow, at("2025-10-26T01:35:00Z"))).toBe(false);
      expect(next(shortWindow, "2025-10-26T01:35:00Z")).toBe("2025-11-02T01:30:00.000Z");
    });
  });

  describe("across DST in America/New_York", () => {
    const nyOffice: WorkingHours = { ...madridOffice, timezone: "America/New_York" };

    it("opens on Monday with the summer offset after the spring change", () => {
      // Friday 7 March 18:00 EST → Monday 10 March 09:00 EDT.
      expect(next(nyOffice, "2025-03-07T23:00:00Z")).toBe("2025-03-10T13:00:00.000Z");
    });

    it("opens on Monday with the winter offset after the autumn change", () => {
      // Friday 31 October 18:00 EDT → Monday 3 November 09:00 EST.
      expect(next(nyOffice, "2025-10-31T22:00:00Z")).toBe("2025-11-03T14:00:00.000Z");
    });

    it("keeps an overnight shift consistent through the spring gap", () => {
      const nights: WorkingHours = {
        timezone: "America/New_York",
        days: everyDay,
        open: "22:00",
        close: "06:00",
      };
      // Saturday 8 March 22:00 EST → Sunday 9 March 06:00 EDT.
      expect(isOpen(nights, at("2025-03-09T07:30:00Z"))).toBe(true);
      expect(isOpen(nights, at("2025-03-09T09:59:59Z"))).toBe(true);
      expect(isOpen(nights, at("2025-03-09T10:00:00Z"))).toBe(false);
      expect(next(nights, "2025-03-09T10:00:00Z")).toBe("2025-03-10T02:00:00.000Z");
    });

    it("opens at the change when the opening time falls in the spring gap", () => {
      const gap: WorkingHours = { ...nyOffice, days: [0], open: "02:15", close: "05:00" };
      expect(next(gap, "2025-03-09T05:00:00Z")).toBe("2025-03-09T07:00:00.000Z");
    });
  });

  it("never opens when no day is listed", () => {
    const never: WorkingHours = { ...madridOffice, days: [] };
    expect(isOpen(never, at("2025-01-15T10:00:00Z"))).toBe(false);
    expect(nextOpenAt(never, at("2025-01-15T10:00:00Z"))).toBeNull();
  });

  it("finds next week's opening when the only day has just closed", () => {
    const mondays: WorkingHours = { ...madridOffice, days: [1] };
    expect(next(mondays, "2025-01-13T16:00:00Z")).toBe("2025-01-20T08:00:00.000Z");
  });

  it("refuses malformed times and zones instead of guessing", () => {
    expect(() => isOpen({ ...madridOffice, open: "9:00" }, at("2025-01-15T10:00:00Z"))).toThrow(
      RangeError,
    );
    expect(() =>
      isOpen({ ...madridOffice, timezone: "Mars/Olympus" }, at("2025-01-15T10:00:00Z")),
    ).toThrow(RangeError);
  });
});

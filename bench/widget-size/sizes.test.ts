import { describe, expect, it } from "vitest";
import { bundleSizes, gzipSize, importsOf } from "../../widget/scripts/bundle-graph.mjs";
import { budgetTable, fileTable, type LoadTiming, median, summarise, timingTable } from "./sizes";

/** A bundle shaped like the widget's: bootstrap, entry, lazy chain, worklet, and a stray file. */
const bundle = {
  "voice-agent.js":
    '(()=>{const s=document.currentScript.src;import(new URL("voice-agent.module.js",s).href)})();',
  "voice-agent.module.js":
    'import{a as b}from"./shared-1.js";const p=()=>import("./panel-1.js");export{b as B};',
  "shared-1.js": "export const a=new URL(import.meta.url).origin;",
  "panel-1.js": 'import{B}from"./voice-agent.module.js";const c=()=>import("./call-1.js");',
  "call-1.js": 'export*from"./helpers-1.js";const e=()=>import("./provider-1.js");',
  "helpers-1.js": "export const h=2;",
  "provider-1.js": 'const u=new URL("capture.js",base).href;',
  "worklets/capture.js": 'registerProcessor("capture",class extends AudioWorkletProcessor{});',
  "unused-1.js": "export const u=3;",
};
const gzip = (...names: (keyof typeof bundle)[]) =>
  names.reduce((total, name) => total + gzipSize(bundle[name]), 0);

describe("widget bundle graph", () => {
  it("reads static, re-exported and dynamic imports of minified modules, and nothing else", () => {
    const code =
      'import{a as b,c}from"./x.js";import"./side.js";import * as ns from "../up/ns.js";' +
      'export{d}from"./re.js";export*from"./all.js";import{html}from"lit";' +
      'const l=()=>import("./lazy.js"),v=t=>import(t),o=import.meta.url;';
    expect(importsOf("chunks/a.js", code)).toEqual({
      static: ["chunks/x.js", "chunks/side.js", "up/ns.js", "chunks/re.js", "chunks/all.js"],
      dynamic: ["chunks/lazy.js"],
    });
  });

  it("splits what loads before interaction from each lazy chunk and the worklet it names", () => {
    const sizes = bundleSizes(bundle);
    expect(sizes.preInteraction).toEqual({
      files: ["shared-1.js", "voice-agent.js", "voice-agent.module.js"],
      gzip: gzip("shared-1.js", "voice-agent.js", "voice-agent.module.js"),
    });
    const after = Object.fromEntries(sizes.files.map((file) => [file.name, file.after]));
    expect(after).toEqual({
      "call-1.js": "panel-1.js",
      "helpers-1.js": "panel-1.js",
      "panel-1.js": "voice-agent.module.js",
      "provider-1.js": "call-1.js",
      "shared-1.js": null,
      "unused-1.js": null,
      "voice-agent.js": null,
      "voice-agent.module.js": null,
      "worklets/capture.js": "provider-1.js",
    });
    expect(sizes.files.find((file) => file.name === "unused-1.js")?.when).toBe("never loaded");
    expect(sizes.files.find((file) => file.name === "panel-1.js")).toMatchObject({
      when: "lazy",
      bytes: bundle["panel-1.js"].length,
      gzip: gzipSize(bundle["panel-1.js"]),
    });
    expect(sizes.total).toBe(gzip(...(Object.keys(bundle) as (keyof typeof bundle)[])));
    expect(sizes.lazy.gzip).toBe(sizes.total - sizes.preInteraction.gzip);
  });

  it("puts the sums next to the budgets, one column per build", () => {
    const sizes = bundleSizes(bundle);
    const table = budgetTable([["after", sizes]]);
    expect(table).toContain(`| before interaction | ${sizes.preInteraction.gzip} | 10240 |`);
    expect(table).toContain(`| all files | ${sizes.total} | 40960 |`);
    expect(fileTable(sizes)).toContain(
      `| worklets/capture.js | ${bundle["worklets/capture.js"].length} | ${gzipSize(bundle["worklets/capture.js"])} | lazy, after provider-1.js |`,
    );
  });
});

describe("widget load timings", () => {
  const timing = (scriptStart: number, launcher: number, bytes = 100): LoadTiming => ({
    scriptStart,
    ready: launcher - 5,
    launcher,
    clicked: launcher + 100,
    opened: launcher + 160,
    filesBefore: ["voice-agent.js"],
    bytesBefore: bytes,
  });

  it("takes the median of odd and even counts", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("sums runs up by their medians, script request to launcher paint", () => {
    const runs = [timing(10, 110), timing(20, 220), timing(30, 90)];
    expect(summarise(runs)).toEqual({
      runs: 3,
      scriptToLauncher: 100,
      navigationToLauncher: 110,
      scriptToReady: 95,
      clickToOpen: 60,
      bytesBefore: 100,
    });
    expect(timingTable([{ build: "after", profile: "loopback", runs }])).toContain(
      "| after | loopback | 3 | 100 | 110 | 95 | 60 | 100 |",
    );
  });
});

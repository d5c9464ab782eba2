import type { WidgetTheme } from "@parley/types";
import type { brands } from "../db/schema";

type Brand = typeof brands.$inferSelect;

export interface MergedBrand {
  name: string | null;
  logoUrl: string | null;
  hidePoweredBy: boolean;
  theme: WidgetTheme;
}

function themeOf(brand: Brand | null): WidgetTheme {
  if (!brand) return {};
  const theme: WidgetTheme = {};
  if (brand.primaryColor) theme.primary = brand.primaryColor;
  if (brand.onPrimaryColor) theme.onPrimary = brand.onPrimaryColor;
  if (brand.surfaceColor) theme.surface = brand.surfaceColor;
  if (brand.textColor) theme.text = brand.textColor;
  if (brand.radius) theme.radius = brand.radius;
  if (brand.fontFamily) theme.font = brand.fontFamily;
  return theme;
}

const themeKeys = ["primary", "onPrimary", "surface", "text", "radius", "font"] as const;

/**
 * The widget's theme (design §7, §10): the reseller's brand, refined by the sub-account's own
 * where the reseller allows it, refined by the agent's theme. "Powered by" is hidden when the
 * reseller hides it for its sub-accounts, or when the partner is entitled to remove branding
 * and its brand asks to.
 */
export function mergeBrand(
  own: Brand | null,
  parent: Brand | null,
  agentTheme: Record<string, string>,
  entitlements: string[],
): MergedBrand {
  const ownCounts = !parent || parent.allowSubaccountOverrides;
  const theme: WidgetTheme = { ...themeOf(parent), ...(ownCounts ? themeOf(own) : {}) };
  for (const key of themeKeys) {
    const value = agentTheme[key];
    if (typeof value === "string") theme[key] = value;
  }
  const hidePoweredBy =
    parent?.hidePoweredBy === true ||
    (own?.hidePoweredBy === true && entitlements.includes("remove_branding"));
  return {
    name: (ownCounts ? own?.name : null) ?? parent?.name ?? own?.name ?? null,
    logoUrl: (ownCounts ? own?.logoUrl : null) ?? parent?.logoUrl ?? null,
    hidePoweredBy,
    theme,
  };
}

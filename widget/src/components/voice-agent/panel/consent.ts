/** Consent is asked once per agent per browser; blocked storage means asking every time. */
const consentKey = (agent: string) => `voice-agent:consent:${agent}`;

export function hasConsent(agent: string): boolean {
  try {
    return localStorage.getItem(consentKey(agent)) === "1";
  } catch {
    return false;
  }
}

export function rememberConsent(agent: string): void {
  try {
    localStorage.setItem(consentKey(agent), "1");
  } catch {
    // Storage can be blocked; consenting still counts for this page view.
  }
}

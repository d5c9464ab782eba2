import { describe, expect, it } from "vitest";
import { inviteToken } from "./accept-invite";

describe("inviteToken", () => {
  const token = "Abc_def-123456789012345678901234567890123";

  it("reads the token from the link's fragment", () => {
    expect(inviteToken(`#token=${token}`)).toBe(token);
    expect(inviteToken(`token=${token}`)).toBe(token);
  });

  it("answers null for a missing or malformed token", () => {
    expect(inviteToken("")).toBeNull();
    expect(inviteToken("#token=")).toBeNull();
    expect(inviteToken("#token=<script>")).toBeNull();
    expect(inviteToken("#other=1")).toBeNull();
  });
});

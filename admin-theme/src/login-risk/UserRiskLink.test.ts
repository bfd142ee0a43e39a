import { describe, expect, it } from "vitest";
import { stockUserPage } from "./UserRiskLink";

describe("the link on the stock user page", () => {
  it("appears on a user's pages only", () => {
    expect(stockUserPage("/acme/users/5f1c0e/settings")).toBe("5f1c0e");
    expect(stockUserPage("/acme/users/5f1c0e/credentials")).toBe("5f1c0e");
    expect(stockUserPage("/acme/users")).toBeUndefined();
    expect(stockUserPage("/acme/users/add-user")).toBeUndefined();
    expect(stockUserPage("/acme/vigil/users/5f1c0e")).toBeUndefined();
  });
});

import net from "node:net";

import { describe, expect, it } from "vitest";

import { httpTarget, networkReason, SyncError } from "../../../app/national/sync.server";

/** A loopback port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("a hub that cannot be reached", () => {
  it("is said in Vietnamese with the reason, not Node's «fetch failed»", async () => {
    const port = await closedPort();
    const target = httpTarget(`http://127.0.0.1:${port}/`, "khoa-thu");
    const error = await target.province().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as Error).message).toBe(
      `Không kết nối được trung tâm http://127.0.0.1:${port}/: máy trung tâm từ chối kết nối (máy chủ chưa chạy hoặc sai cổng).`,
    );
    expect((error as Error).message).not.toContain("fetch failed");
  });

  it("names the other network failures", () => {
    const failure = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });
    expect(networkReason(failure("ENOTFOUND"))).toBe("không tìm thấy tên máy trung tâm (kiểm tra địa chỉ và mạng)");
    expect(networkReason(failure("UND_ERR_CONNECT_TIMEOUT"))).toBe("hết thời gian chờ kết nối");
    expect(networkReason(failure("CERT_HAS_EXPIRED"))).toBe("chứng chỉ HTTPS của trung tâm không hợp lệ");
    expect(networkReason(failure("EHOSTUNREACH"))).toBe("lỗi mạng (mã EHOSTUNREACH)");
    expect(networkReason(new TypeError("fetch failed"))).toBe("lỗi mạng");
  });
});

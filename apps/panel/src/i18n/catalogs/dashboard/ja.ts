import type { DashboardCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../ja.ts";

/** 日本語（です・ます）。日本語の複数形は `other` だけ。 What only the live config view says. */
const ja: DashboardCatalog = {
  "dashboard.title": "Hype Chat ライブ",
  "dashboard.loading": "このチャンネルのハイプを読み込んでいます。",
  "dashboard.failed": "拡張機能のサーバーからライブのハイプを取得できませんでした：",
  "dashboard.allTime": { other: "回のハイプ（累計）" },
  "dashboard.streamLive": "{time}から配信中です。",
  "dashboard.streamOffline": "オフラインです。{time}に始まった配信を数えています。",
  "dashboard.noStream": "オフラインです。まだ配信が確認されていません。",
  "dashboard.chat.working": "チャットは動作しています：最後のメッセージはチャットに届きました。",
  "dashboard.chat.refused": "チャットが拒否されました：Twitchが最後のメッセージを拒否しました。",
  "dashboard.chat.untried": "チャットはまだ試されていません：まだ誰もハイプを送っていません。",
  "dashboard.lastSent": "チャットへの最後のメッセージ：{time}",
  "dashboard.refusal": "Twitchによる最後の拒否（{call}、HTTP {status}、{time}）：",
  "dashboard.noRefusal": "Twitchはまだ何も拒否していません。",
  "dashboard.noHelper":
    "Twitchの拡張機能ヘルパーが読み込まれませんでした。クリエイターダッシュボードからこのページを開いてください。",
};

/** Every message the live config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"dashboard"> = { ...viewer, ...ja };
export default catalog;

import type { ViewerCatalog } from "../translate.ts";

/** 日本語（です・ます）。日本語の複数形は `other` だけ。 */
const ja: ViewerCatalog = {
  "app.name": "Hype Chat",
  "waiting.title": "Twitchを待っています…",
  "waiting.connecting": "このパネルをチャンネルに接続しています。",
  "waiting.noHelper":
    "Twitchの拡張機能ヘルパーが読み込まれませんでした。Twitchのチャンネルでこのパネルを開いてください。",

  "panel.documentTitle": "ハイプを送る",
  "panel.intro": "配信を盛り上げよう：ワンクリックでチャットにハイプメッセージを投稿します。",
  "mobile.intro": "配信を盛り上げよう：ワンタップでチャットにハイプメッセージを投稿します。",
  "hype.button": "ハイプを送る",
  "hype.sending": "ハイプを送信しています…",
  "hype.queued": "順番待ち：まもなくハイプがチャットに届きます…",
  "hype.sent": "チャットに送信しました！",
  "hype.again": "もう一度ハイプを送れます。",
  "chatOff.title": "このチャンネルではチャットメッセージがオフになっています。",
  "chatOff.permission":
    "現在、Twitchはこの拡張機能がこのチャンネルのチャットに投稿することを許可していません。",
  "chatOff.streamer": "配信者がハイプメッセージを一時的にオフにしました。",
  "idShare.calledAs": "チャットでは「{name}」と表示されます。",
  "idShare.button": "チャットに自分の名前を表示する",

  "bits.title": "ビッツを使う",
  "bits.cost": { other: "{count}ビッツ" },
  "bits.confirming": "Twitchの画面で購入を確認してください…",
  "bits.thanks": "ありがとう！まもなくチャットにビッツが届きます…",
  "bits.sent": "チャットで紹介されました！",
  "bits.cancelled.title": "購入をキャンセルしました。",
  "bits.cancelled.hint": "ビッツは使われていません。",
  "bits.unreported.title": "ビッツは届きましたが、拡張機能のサーバーが応答しません。",
  "bits.unreported.hint": "Twitchがサーバーに伝えたらチャットに届きます。もう一度買う必要はありません。",
  "bits.chatOff.title": "ビッツをありがとう！",
  "bits.pending.title": "ありがとう！Twitchが購入を確認しています。",
  "bits.failed.title": "拡張機能が購入をチャットで紹介できませんでした。",
  "bits.failed.hint": "もう一度買う必要はありません。Twitchに記録が残り、配信者が拡張機能を確認できます。",
  "bits.note": { other: "{viewer}さんが{count}ビッツで応援：{product}" },

  "error.tokenExpired.title": "このパネルのTwitchセッションの有効期限が切れました。",
  "error.tokenExpired.hint": "ページを再読み込みして新しいセッションを取得し、もう一度お試しください。",
  "error.chatRefused.title": "Twitchが拡張機能のチャット投稿を許可しませんでした。",
  "error.chatRefused.hint": "配信者は拡張機能の設定とチャットの権限を確認できます。",
  "error.twitchUnavailable.title": "現在Twitchが応答していません。",
  "error.twitchUnavailable.hint": "しばらくしてからもう一度お試しください。",
  "error.rateLimited.title":
    "チャットが混み合っています：このチャンネルはTwitchのメッセージ上限に達しました。",
  "error.rateLimited.hintSeconds": { other: "{count}秒後にもう一度お試しください。" },
  "error.rateLimited.hintLater": "しばらくしてからもう一度お試しください。",
  "error.cooldown.title": "ハイプのクールダウン中です。",
  "error.cooldown.hintSeconds": { other: "{count}秒後にまた送れます。" },
  "error.cooldown.hintLater": "しばらくするとまた送れます。",
  "error.chatDisabled.title": "このチャンネルではチャットメッセージがオフになっています。",
  "error.chatDisabled.hint": "配信者がこの拡張機能のチャットを有効にしていません。",
  "error.network.title": "拡張機能のサーバーに接続できません。",
  "error.network.hint": "接続を確認して、もう一度お試しください。",
  "error.token.title": "Twitchで本人確認ができませんでした。",
  "error.token.hint": "ページを再読み込みして、もう一度お試しください。",
  "error.unknown.title": "こちら側で問題が発生しました。",
  "error.unknown.hint": "ハイプは送信されませんでした。後でもう一度お試しください。",

  "live.count.stream": { other: "回のハイプ（この配信）" },
  "live.count.lastStream": { other: "回のハイプ（前回の配信）" },
  "live.count.total": { other: "回のハイプ（これまで）" },
  "live.latest": "最近ハイプを送った人",
  "live.someone": "だれか",
  "live.first": "最初のハイプを送ろう！",
};

export default ja;

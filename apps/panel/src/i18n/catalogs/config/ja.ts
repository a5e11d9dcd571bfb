import type { ConfigCatalog, PageCatalog } from "../../translate.ts";
import viewer from "../ja.ts";

/** 日本語（です・ます）。日本語の複数形は `other` だけ。 What only the config view says. */
const ja: ConfigCatalog = {
  "error.requiredConfiguration.title": "Twitchはこのチャンネルが設定済みであることを記録しませんでした。",
  "error.requiredConfiguration.hint":
    "設定をもう一度保存してください。失敗が続く場合は、このバージョンの拡張機能がチャンネルにインストールされているか確認してください。",
  "config.title": "Hype Chatの設定",
  "config.loading": "このチャンネルの設定を読み込んでいます。",
  "config.noHelper":
    "Twitchの拡張機能ヘルパーが読み込まれませんでした。クリエイターダッシュボードからこのページを開いてください。",
  "config.chatWithheld.title": "Twitchはまだこの拡張機能によるチャットへの投稿を許可していません。",
  "config.chatWithheld.hint":
    "クリエイターダッシュボード → 拡張機能 → 権限 で許可してください。それまで設定は保持されます。",
  "config.chatEnabled": "チャットにハイプメッセージを投稿する",
  "config.message": "メッセージ",
  "config.messageHelp":
    "{placeholders} は視聴者の名前に置き換わります。最長の名前で{max}文字以内にしてください。視聴者の言語にかかわらず、チャットには書いたとおりのメッセージが表示されます。",
  "config.useDefault": "デフォルトに戻す",
  "config.preview": "プレビュー",
  "config.previewChatOff": "チャットメッセージはオフです：何も投稿されません。",
  "config.save": "保存",
  "config.saveAgain": "もう一度保存",
  "config.saved": "保存済み",
  "config.unsaved": "未保存の変更があります",
  "config.saveFailed": "Twitchが設定を受け付けませんでした：{error}",
  "config.inUse": "使用中：次のチャットメッセージはこの設定に従います。",
  "config.later": "保存しました。拡張機能は1分以内にこの設定を使います。",
  "template.empty": "メッセージが空です：チャットに表示する内容を書いてください。",
  "template.unknownPlaceholder":
    "{placeholder} はこの拡張機能が知らないプレースホルダーです：{known} を使ってください。",
  "template.tooLong": {
    other:
      "長すぎます：{nameMax}文字の名前だとメッセージは{length}文字になり、Twitchの上限は{max}文字です。{count}文字削ってください。",
  },
  "preview.named": "IDを共有した視聴者",
  "preview.anonymous": "共有していない視聴者",
  "preview.several": "複数の視聴者が同時に",
  "preview.longest": "最長の名前（{count}文字）",
};

/** Every message the config view shows: the viewer's part and its own. */
const catalog: PageCatalog<"config"> = { ...viewer, ...ja };
export default catalog;

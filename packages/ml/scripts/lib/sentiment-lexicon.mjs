// Sentiment words and short phrases WRITTEN FOR THIS PROJECT (common Chinese and English review
// vocabulary, not taken from any lexicon or data set). Each entry is a one-phrase training
// document, so words that are rare in the small review sample still carry a prior polarity.
export const POSITIVE_PHRASES = `
好 很好 非常好 不错 挺好 满意 非常满意 喜欢 很喜欢 推荐 值得 值得购买 物超所值 划算 实惠 好用 好看 漂亮 舒服 舒适
方便 快 很快 发货快 物流快 速度快 质量好 质量不错 正品 新鲜 好吃 香 甜 清爽 柔顺 干净 热情 周到 耐用 结实 流畅 清晰
完美 赞 给力 惊喜 优秀 精致 合身 性价比高 回购 还会再来 好评 五星 放心 靠谱 专业 贴心 省心 实用 稳定 安静 超值
great excellent good love perfect amazing awesome happy satisfied recommend recommended worth reliable comfortable
fast quick beautiful nice pleasant sturdy durable smooth clear bright fresh delicious soft quiet impressive fantastic
wonderful brilliant superb helpful friendly easy elegant solid value glad pleased terrific flawless
`;

export const NEGATIVE_PHRASES = `
差 很差 太差 非常差 不好 不满意 失望 很失望 后悔 垃圾 退货 退款 差评 一星 坑 骗 假货 破损 坏了 质量差 质量不好 不值
不推荐 难用 难看 难吃 不新鲜 烂 臭 慢 太慢 发货慢 物流慢 卡 死机 发热 掉色 起球 缩水 脏 吵 贵 太贵 不舒服 不好用
不行 一般般 粗糙 敷衍 态度差 服务差 投诉 上当 糟糕 恶心 劣质 故障 异味 偏小 偏大 不合身 漏 不能用 没用 再也不买
bad terrible awful poor broken disappointed disappointing waste worst useless cheap flimsy slow return returned refund
defective faulty rude dirty noisy uncomfortable ugly regret horrible junk fake leaks cracked scratched overpriced
unreliable laggy blurry rotten stale avoid problem problems never dissatisfied annoying
`;

const split = (block) => block.split(/\s+/).filter(Boolean);

export const LEXICON = [
  ...split(POSITIVE_PHRASES).map((text) => ({ text, label: 1 })),
  ...split(NEGATIVE_PHRASES).map((text) => ({ text, label: 0 })),
];

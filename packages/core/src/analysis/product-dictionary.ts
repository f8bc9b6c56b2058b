// Product-domain words jieba's general dictionary splits wrongly ("蓝牙耳机" → 蓝牙/耳机, "续航" tagged
// as a person name). Frequencies are high enough to win over the general dictionary's splits.
// Format per line: word frequency POS (jieba user dictionary).

const NOUNS = [
  "续航", "蓝牙耳机", "无线耳机", "充电宝", "移动电源", "智能手表", "智能手环", "手机壳", "连衣裙", "半身裙",
  "纯棉", "长绒棉", "不粘锅", "炒锅", "平底锅", "电热水壶", "双肩包", "背包", "跑鞋", "跑步鞋", "台灯",
  "护眼台灯", "防晒霜", "精华液", "面霜", "乳液", "白茶", "红茶", "绿茶", "乌龙茶", "普洱", "茶叶",
  "电池容量", "充电盒", "充电器", "数据线", "表壳", "表带", "表盘", "屏幕", "显示屏", "心率", "血氧",
  "睡眠监测", "心率监测", "血氧监测", "蓝牙通话", "快充", "闪充", "无线充电", "磁吸", "保护壳",
  "不锈钢", "钛合金", "铝合金", "硅胶", "真皮", "牛皮", "涤纶", "锦纶", "尼龙", "氨纶", "雪纺", "真丝",
  "桑蚕丝", "羊毛", "羊绒", "亚麻", "陶瓷", "陶瓷涂层", "麦饭石", "鞋面", "中底", "大底", "碳板",
  "飞织", "领型", "袖长", "裙长", "尺码", "均码", "版型", "克重", "色温", "显色指数", "亮度", "功率",
  "输出功率", "防水等级", "型号", "货号", "保质期", "净含量", "成分", "肤质", "敏感肌", "神经酰胺",
  "透明质酸", "烟酰胺", "防摔", "镜头", "音质", "降噪耳机", "主动降噪", "通透模式", "发声单元",
];
const ADJECTIVES = [
  "防水", "防泼水", "降噪", "真无线", "轻薄", "透气", "亲肤", "柔软", "耐磨", "防滑", "速干", "便携",
  "耐用", "舒适", "修身", "宽松", "显瘦", "百搭", "护眼", "无香精", "温和", "清爽", "保湿",
];

const line = (word: string, pos: string): string => `${word} 20000 ${pos}`;

/** POS of each product word: jieba keeps a general-dictionary word's old tag ("续航" as a name) on reload. */
export const PRODUCT_POS: ReadonlyMap<string, string> = new Map([
  ...NOUNS.map((w): [string, string] => [w, "n"]),
  ...ADJECTIVES.map((w): [string, string] => [w, "a"]),
]);

/** The user dictionary text loaded into jieba at start-up. */
export const PRODUCT_DICTIONARY = [...NOUNS.map((w) => line(w, "n")), ...ADJECTIVES.map((w) => line(w, "a"))].join(
  "\n",
);

// Materials in zh and en, as a tree: each material names the broader material it is a kind of
// (黑胡桃木 → 胡桃木 → 实木 → 木), and the root says which family it belongs to (wood, metal, textile,
// leather, polymer, mineral, wax, paper). Copy that names a broader material than the attributes is
// true ("实木" for 北美白橡木, "stainless steel" for 316L stainless steel); a narrower one is more than
// the data says (埃及棉 for 棉); two materials of one family where neither contains the other
// disagree (黑胡桃木 vs 橡胶木, 大马士革钢 vs 3Cr13不锈钢, Egyptian cotton vs microfiber). "Leather"
// alone means genuine leather: PU, bonded and faux leathers sit beside it, not under it.

type TMaterialRow = readonly [id: string, parent: string | null, surfaces: string];

// Surfaces mapped to "_skip" are words that contain a material name but are not a material claim
// (钢琴, 铁观音, 棉服); the extractor consumes them so that the shorter name does not match.
const ROWS: readonly TMaterialRow[] = [
  ["wood", null, "木质|木制|原木|wood|wooden"],
  ["solid_wood", "wood", "实木|纯实木|全实木|实木拼板|solid wood|hardwood|solid hardwood"],
  ["walnut", "solid_wood", "胡桃木|walnut"],
  ["black_walnut", "walnut", "黑胡桃木|黑胡桃|北美黑胡桃木|black walnut|American black walnut"],
  ["oak", "solid_wood", "橡木|oak|solid oak"],
  ["white_oak", "oak", "白橡木|北美白橡木|白橡|white oak"],
  ["red_oak", "oak", "红橡木|红橡|red oak"],
  ["rubberwood", "solid_wood", "橡胶木|rubberwood|rubber wood"],
  ["beech", "solid_wood", "榉木|beech|beechwood"],
  ["cherry_wood", "solid_wood", "樱桃木|cherry wood|cherrywood"],
  ["pine", "solid_wood", "松木|樟子松|pine|pinewood"],
  ["teak", "solid_wood", "柚木|teak"],
  ["ash_wood", "solid_wood", "白蜡木|水曲柳|ash wood"],
  ["birch", "solid_wood", "桦木|birch"],
  ["maple", "solid_wood", "枫木|maple wood|hard maple"],
  ["rosewood", "solid_wood", "红木|花梨木|紫檀|酸枝木|rosewood"],
  ["nanmu", "solid_wood", "楠木|金丝楠木"],
  ["fir", "solid_wood", "杉木|fir"],
  ["acacia", "solid_wood", "相思木|acacia"],
  ["mango_wood", "solid_wood", "芒果木|mango wood"],
  ["paulownia", "solid_wood", "泡桐木|桐木|paulownia"],
  ["engineered_wood", "wood", "人造板|engineered wood|manufactured wood|composite wood"],
  ["particleboard", "engineered_wood", "颗粒板|刨花板|particleboard|particle board|chipboard"],
  ["mdf", "engineered_wood", "密度板|中纤板|纤维板|MDF|fiberboard|fibreboard"],
  ["plywood", "engineered_wood", "多层板|胶合板|多层实木板|plywood"],
  ["eco_board", "engineered_wood", "生态板"],
  [
    "veneer",
    "engineered_wood",
    "贴皮|木皮|实木贴皮|veneer|wood veneer|walnut veneer|oak veneer|cherry veneer|teak veneer|maple veneer",
  ],
  ["bamboo", "wood", "竹|竹制|竹子|竹质|bamboo"],

  ["metal", null, "金属|metal"],
  ["steel", "metal", "钢材|钢制|钢铁|steel"],
  ["stainless_steel", "steel", "不锈钢|stainless steel|stainless"],
  ["ss_304", "stainless_steel", "304不锈钢|304 stainless steel|18/8 stainless steel|SUS304"],
  [
    "ss_316",
    "stainless_steel",
    "316不锈钢|316L不锈钢|316 stainless steel|316L stainless steel|surgical steel|surgical stainless steel",
  ],
  ["ss_3cr13", "stainless_steel", "3Cr13|3Cr13不锈钢|3CR13|3cr13"],
  ["ss_4cr13", "stainless_steel", "4Cr13|4Cr13不锈钢"],
  ["ss_5cr15", "stainless_steel", "5Cr15MoV|5Cr15|5CR15MOV"],
  ["ss_vg10", "stainless_steel", "VG10|VG-10"],
  ["ss_440c", "stainless_steel", "440C"],
  ["carbon_steel", "steel", "碳钢|carbon steel"],
  ["high_carbon_steel", "carbon_steel", "高碳钢|high-carbon steel|high carbon steel"],
  ["damascus_steel", "steel", "大马士革钢|Damascus steel"],
  ["manganese_steel", "steel", "锰钢|manganese steel"],
  ["alloy_steel", "steel", "合金钢|alloy steel"],
  ["tungsten_steel", "steel", "钨钢|tungsten steel"],
  ["cast_iron", "metal", "铸铁|生铁|熟铁|cast iron|cast-iron"],
  [
    "aluminium",
    "metal",
    "铝合金|铸铝|航空铝|铝|aluminium|aluminum|aluminium alloy|aluminum alloy|cast aluminium|cast aluminum",
  ],
  ["titanium", "metal", "钛合金|钛|纯钛|titanium|titanium alloy"],
  ["copper", "metal", "铜|紫铜|纯铜|copper|pure copper"],
  ["brass", "copper", "黄铜|brass"],
  ["bronze", "copper", "青铜|bronze"],
  ["sterling_silver", "metal", "925银|纯银|足银|S925|sterling silver|925 silver|solid silver"],
  ["gold_metal", "metal", "18K金|14K金|足金|黄金|solid gold|14k gold|18k gold|24k gold"],
  ["zinc_alloy", "metal", "锌合金|zinc alloy"],
  [
    "plated",
    "metal",
    "镀银|镀金|镀铬|镀锌|包金|silver-plated|silver plated|gold-plated|gold plated|chrome-plated|gold-filled|vermeil|electroplated",
  ],
  ["alloy", "metal", "合金|alloy|metal alloy"],
  ["magnesium_alloy", "metal", "镁合金|magnesium alloy"],

  ["textile", null, "纤维|面料纤维|textile fibre|textile fiber"],
  ["cotton", "textile", "纯棉|精梳棉|全棉|棉质|棉|cotton|pure cotton|100% cotton|combed cotton"],
  ["long_staple_cotton", "cotton", "长绒棉|long-staple cotton|long staple cotton"],
  ["egyptian_cotton", "long_staple_cotton", "埃及棉|埃及长绒棉|Egyptian cotton|Giza cotton"],
  ["pima_cotton", "long_staple_cotton", "比马棉|匹马棉|Pima cotton|Supima cotton|Supima"],
  ["xinjiang_cotton", "long_staple_cotton", "新疆棉|新疆长绒棉|Xinjiang cotton"],
  ["polyester", "textile", "涤纶|聚酯纤维|polyester"],
  ["microfiber", "polyester", "超细纤维|microfiber|microfibre|brushed microfiber"],
  ["nylon", "textile", "尼龙|锦纶|nylon"],
  ["spandex", "textile", "氨纶|spandex|elastane|Lycra|莱卡"],
  ["acrylic_fibre", "textile", "腈纶|acrylic|acrylic fiber|acrylic fibre|acrylic yarn"],
  ["viscose", "textile", "粘胶纤维|粘胶|人造棉|viscose|rayon"],
  ["lyocell", "textile", "天丝|莱赛尔|Tencel|lyocell"],
  ["modal", "textile", "莫代尔|modal"],
  ["linen", "textile", "亚麻|linen|flax"],
  ["hemp", "textile", "大麻纤维|汉麻|hemp"],
  ["silk", "textile", "真丝|桑蚕丝|蚕丝|丝绸|silk|mulberry silk|pure silk|100% silk"],
  ["cupro", "textile", "铜氨丝|铜氨纤维|cupro"],
  ["acetate_fibre", "textile", "醋酸纤维|醋酸面料|醋酸|acetate fabric|triacetate"],
  ["wool", "textile", "羊毛|wool"],
  ["merino", "wool", "美利奴羊毛|美利奴|merino wool|merino"],
  ["cashmere", "textile", "羊绒|山羊绒|cashmere"],
  ["alpaca", "textile", "羊驼毛|alpaca"],
  ["mohair", "textile", "马海毛|mohair"],
  ["down", "textile", "羽绒|down filling|down fill|down-filled|down insulation|down comforter|down duvet"],
  ["goose_down", "down", "鹅绒|白鹅绒|鹅绒填充|goose down"],
  ["duck_down", "down", "鸭绒|白鸭绒|duck down"],
  ["bamboo_fibre", "textile", "竹纤维|bamboo fiber|bamboo fibre|bamboo viscose"],

  // How a fabric is made (woven, knitted, piled) rather than what from: 牛仔布 is cotton, 针织 can be
  // wool. A weave and a fibre never disagree.
  ["weave", null, ""],
  ["chiffon", "weave", "雪纺|雪纺纱|chiffon"],
  ["oxford", "weave", "牛津布|牛津纺|Oxford fabric|Oxford cloth"],
  ["canvas", "weave", "帆布|canvas"],
  ["mesh", "weave", "网面|网布|mesh|engineered mesh"],
  ["tulle", "weave", "网纱|欧根纱|tulle|organza"],
  ["lace", "weave", "蕾丝|lace"],
  ["knit", "weave", "飞织|针织|knit|knitted|flyknit"],
  ["fleece", "weave", "摇粒绒|抓绒|珊瑚绒|法兰绒|fleece|flannel"],
  ["velvet", "weave", "丝绒|天鹅绒|velvet"],
  ["denim", "weave", "牛仔布|牛仔面料|denim"],
  ["corduroy", "weave", "灯芯绒|corduroy"],
  ["satin", "weave", "缎面|真丝缎|satin"],
  ["jacquard", "weave", "提花|jacquard"],
  ["poplin", "weave", "府绸|poplin"],
  ["seersucker", "weave", "泡泡纱|seersucker"],
  ["tweed", "weave", "毛呢|呢子|粗花呢|tweed"],
  ["felt", "weave", "毛毡|wool felt"],

  ["leather_family", null, ""],
  ["leather", "leather_family", "真皮|皮革|皮质|genuine leather|real leather|leather"],
  [
    "cowhide",
    "leather",
    "牛皮|头层牛皮|头层皮|cowhide|full-grain leather|full grain leather|top-grain leather|top grain leather",
  ],
  ["sheepskin", "leather", "羊皮|绵羊皮|小羊皮|sheepskin|lambskin"],
  ["split_leather", "leather", "二层皮|二层牛皮|split leather"],
  ["suede", "leather", "麂皮|翻毛皮|suede"],
  ["crocodile", "leather", "鳄鱼皮|crocodile leather|alligator leather"],
  [
    "pu_leather",
    "leather_family",
    "PU|PU皮|PU皮革|人造革|人造皮|PU leather|faux leather|vegan leather|synthetic leather|leatherette",
  ],
  ["pvc_leather", "leather_family", "PVC皮|PVC皮革|PVC leather"],
  ["microfiber_leather", "leather_family", "超纤皮|超纤皮革|microfiber leather|microfibre leather"],
  ["bonded_leather", "leather_family", "再生皮|再生皮革|bonded leather|reconstituted leather"],

  ["polymer", null, ""],
  ["plastic", "polymer", "PC+ABS|塑料|塑胶|PC/ABS plastic|plastic"],
  ["abs", "plastic", "ABS|ABS塑料|ABS plastic"],
  ["polycarbonate", "plastic", "PC|聚碳酸酯|polycarbonate"],
  ["pp", "plastic", "PP|聚丙烯|polypropylene"],
  ["pe", "plastic", "PE|聚乙烯|polyethylene|HDPE"],
  ["pet", "plastic", "PET|PETG"],
  ["pvc", "plastic", "PVC"],
  ["tritan", "plastic", "Tritan"],
  ["acrylic", "plastic", "亚克力|有机玻璃|plexiglass|acrylic glass|acrylic sheet|PMMA"],
  ["melamine", "plastic", "密胺|melamine"],
  ["rubber", "polymer", "橡胶|rubber"],
  ["natural_rubber", "rubber", "天然橡胶|natural rubber"],
  ["latex", "rubber", "乳胶|latex"],
  ["natural_latex", "latex", "天然乳胶|natural latex"],
  ["neoprene", "rubber", "氯丁橡胶|潜水料|neoprene"],
  ["nbr", "rubber", "NBR|丁腈橡胶"],
  ["silicone", "rubber", "硅胶|液态硅胶|食品级硅胶|silicone|food-grade silicone"],
  ["tpe", "rubber", "TPE"],
  ["tpu", "rubber", "TPU"],
  ["eva", "rubber", "EVA"],
  ["foam", "polymer", "海绵|泡棉|foam"],
  ["memory_foam", "foam", "记忆棉|慢回弹棉|太空棉|memory foam"],
  ["pp_cotton", "foam", "PP棉|喷胶棉|七孔棉|四孔棉|珍珠棉"],
  ["carbon_fibre", "polymer", "碳纤维|碳素|全碳素|carbon fiber|carbon fibre|graphite"],

  ["mineral", null, ""],
  ["glass", "mineral", "玻璃|glass"],
  ["borosilicate_glass", "glass", "高硼硅玻璃|高硼硅|borosilicate glass|borosilicate"],
  ["tempered_glass", "glass", "钢化玻璃|tempered glass"],
  ["soda_lime_glass", "glass", "钠钙玻璃|普通玻璃|soda-lime glass|soda lime glass"],
  ["mineral_glass", "glass", "矿物玻璃|矿物质玻璃|mineral glass|mineral crystal"],
  ["gorilla_glass", "tempered_glass", "康宁大猩猩玻璃|大猩猩玻璃|Gorilla Glass"],
  ["sapphire", "mineral", "蓝宝石玻璃|蓝宝石镜面|蓝宝石|sapphire crystal|sapphire glass|sapphire"],
  ["crystal_glass", "glass", "水晶玻璃|crystal glass|lead-free crystal"],
  ["ceramic", "mineral", "陶瓷|瓷|ceramic|porcelain|stoneware"],
  ["bone_china", "ceramic", "骨瓷|bone china|fine bone china"],
  ["zisha", "ceramic", "紫砂|Yixing clay"],
  ["marble", "mineral", "大理石|marble"],
  ["granite", "mineral", "花岗岩|granite"],
  ["sintered_stone", "mineral", "岩板|sintered stone"],
  ["quartz", "mineral", "石英石|石英|quartz"],
  ["slate", "mineral", "板岩|slate"],

  ["wax", null, ""],
  ["soy_wax", "wax", "大豆蜡|soy wax|soy"],
  ["beeswax", "wax", "蜂蜡|beeswax"],
  ["paraffin", "wax", "石蜡|paraffin|paraffin wax"],
  ["coconut_wax", "wax", "椰子蜡|coconut wax"],

  ["paper", null, "纸质|纸制|paper"],
  ["kraft_paper", "paper", "牛皮纸|kraft paper"],
  ["cardboard", "paper", "纸板|瓦楞纸|cardboard"],

  [
    "_skip",
    null,
    "钢琴|钢笔|钢圈|钢印|铁观音|铁皮石斛|银耳|金针菇|铜锣湾|棉服|棉衣|棉袄|棉鞋|棉拖|棉签|棉花糖|棉被套|木耳|木糖醇|乳胶漆|" +
      "玻璃心|竹笋|竹荪|steel blue|Stainless Steel Blue|leather-look|leather look|faux fur|woody|oakmoss|silky|silkworm|" +
      "cotton candy|soy sauce|soy milk|soy protein|soy lecithin|soybean|glassware|woodland|wooden spoon|paper towel|" +
      "rubber band|foam roller|metal detector|PE teacher|PC game|PC games|gaming PC|soy-free|soy free|大马士革玫瑰|" +
      "大马士革纹|大马士革花纹|Damascus pattern|Damascus-pattern|Damascus-style|quartz movement|quartz watch|石英表|石英机芯|黄金比例|黄金分割|黄金曲线|黄金周|黄金期|黄金档|黄金时间|黄金搭档|金属光泽|金属感|" +
      "金属色|金属风|丝绸之路|棉感|仿真丝|仿羊绒|仿皮|仿麂皮|仿羊羔毛|仿兔毛|仿木纹|仿大理石|仿真皮|膳食纤维|纤维素|" +
      "marble-look|wood-look|wood grain|woodgrain|cotton-like|silk-like|瓷白|竹炭|竹叶青|铜锣烧|木质调|木质香|原木色|原木风|海绵宝宝|steel grey|steel gray",
  ],
];

/** Material id → the broader material it is a kind of (null at a family's root). */
export const MATERIAL_PARENT = new Map<string, string | null>();
/** Material surfaces (as written) → material id, for the extractor. */
export const MATERIAL_SURFACES: Record<string, readonly string[]> = {};
/** Material id → a display name (its first surface). */
export const MATERIAL_NAME = new Map<string, string>();
for (const [id, parent, surfaces] of ROWS) {
  MATERIAL_PARENT.set(id, parent);
  const list = surfaces.split("|").filter(Boolean);
  MATERIAL_SURFACES[id] = [...(MATERIAL_SURFACES[id] ?? []), ...list];
  if (!MATERIAL_NAME.has(id) && list[0]) MATERIAL_NAME.set(id, list[0]);
}

// A claim that a product is made of this material alone.
export const PURE_MATERIAL_SURFACES = new Set([
  "纯棉",
  "全棉",
  "pure cotton",
  "100% cotton",
  "真丝",
  "pure silk",
  "100% silk",
  "纯实木",
  "全实木",
  "纯铜",
  "纯钛",
  "纯银",
]);

const ancestry = new Map<string, string[]>();
/** The chain from a material up to its family's root, the material itself first. */
export function materialAncestry(id: string): string[] {
  let chain = ancestry.get(id);
  if (chain) return chain;
  chain = [];
  for (let m: string | null | undefined = id; m && chain.length < 10; m = MATERIAL_PARENT.get(m)) chain.push(m);
  ancestry.set(id, chain);
  return chain;
}

/** The family (root) of a material: wood, metal, textile, leather_family, polymer, mineral, wax, paper. */
export const materialFamily = (id: string): string => materialAncestry(id).at(-1) ?? id;

/**
 * How a claimed material relates to one the data gives: "same" (the data's material is the claimed
 * one or a kind of it), "narrower" (the claim is a kind of the data's material: more than the data
 * says), "conflict" (same family, neither contains the other) or "unrelated" (different families:
 * the two may describe different parts).
 */
export function relateMaterials(claimed: string, data: string): "same" | "narrower" | "conflict" | "unrelated" {
  if (claimed === data || materialAncestry(data).includes(claimed)) return "same";
  if (materialAncestry(claimed).includes(data)) return "narrower";
  return materialFamily(claimed) === materialFamily(data) ? "conflict" : "unrelated";
}

/** A weave or knit (牛仔布, 针织, lace): says how a fabric is made, not what it is made of. */
export const isWeave = (id: string): boolean => materialFamily(id) === "weave";

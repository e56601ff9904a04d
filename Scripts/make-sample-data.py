#!/usr/bin/env python3
"""Writes the bundled sample data of CustosSamples, deterministically.

Usage: python3 Scripts/make-sample-data.py [output-directory]
(default: Sources/CustosSamples/Resources next to this script's repository).

Everything here was written for Custos. Brand names appear only as the marks a rights holder would register
(this is a demonstration of a brand-protection tool); registration numbers, prices, sellers, listings and the
non-trademark rights are invented. The script uses only the Python standard library and its own SplitMix64
generator, so the output is byte-identical on every platform and Python version.
"""

import datetime
import hashlib
import json
import os
import re
import struct
import sys
import unicodedata
import zlib

SEED = 20240501


class SplitMix64:
    """The SplitMix64 generator (Steele, Lea, Flood 2014): tiny, fast and the same everywhere."""

    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        """A number in 0..<n (multiply-high, no modulo bias worth noticing for small n)."""
        return (self.next() * n) >> 64

    def uniform(self, lo, hi):
        return lo + (hi - lo) * (self.next() >> 11) / float(1 << 53)

    def chance(self, p):
        return self.uniform(0.0, 1.0) < p

    def pick(self, items):
        return items[self.below(len(items))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.uniform(0.0, total)
        for item, w in pairs:
            x -= w
            if x < 0:
                return item
        return pairs[-1][0]


# ---------------------------------------------------------------------------------------------------------------
# Owners
# ---------------------------------------------------------------------------------------------------------------

OWNERS = {
    "nike": "Nike, Inc.",
    "adidas": "adidas AG",
    "samsung": "Samsung Electronics Co., Ltd.",
    "chanel": "Chanel SARL",
    "gucci": "Guccio Gucci S.p.A.",
    "apple": "Apple Inc.",
    "sony": "Sony Group Corporation",
    "puma": "PUMA SE",
    "rolex": "Rolex SA",
    "lv": "Louis Vuitton Malletier",
    "hermes": "Hermès International",
    "prada": "Prada S.A.",
    "coke": "The Coca-Cola Company",
    "pepsi": "PepsiCo, Inc.",
    "starbucks": "Starbucks Corporation",
    "lego": "LEGO Juris A/S",
    "canon": "Canon Inc.",
    "nikon": "Nikon Corporation",
    "huawei": "Huawei Technologies Co., Ltd.",
    "xiaomi": "Xiaomi Inc.",
    "lenovo": "Lenovo (Beijing) Limited",
    "oppo": "Guangdong Oppo Mobile Telecommunications Corp., Ltd.",
    "vivo": "Vivo Mobile Communication Co., Ltd.",
    "dior": "Christian Dior Couture",
    "mondelez": "Intercontinental Great Brands LLC",
    "tingyi": "Tingyi (Cayman Islands) Holding Corp.",
    "luxottica": "Luxottica Group S.p.A.",
    "omega": "Omega SA",
    "cartier": "Cartier International AG",
    "tiffany": "Tiffany and Company",
    "esteelauder": "Estee Lauder Cosmetics Ltd.",
    "lancome": "Lancôme Parfums et Beauté & Cie",
    "loreal": "L'Oréal",
    "pg": "The Procter & Gamble Company",
    "nestle": "Société des Produits Nestlé S.A.",
    "redbull": "Red Bull GmbH",
    "heineken": "Heineken Brouwerijen B.V.",
    "abinbev": "Anheuser-Busch, LLC",
    "diageo": "Diageo Brands B.V.",
    "hennessy": "Jas Hennessy & Co.",
    "microsoft": "Microsoft Corporation",
    "adobe": "Adobe Inc.",
    "intel": "Intel Corporation",
    "dell": "Dell Inc.",
    "asus": "ASUSTeK Computer Inc.",
    "dji": "SZ DJI Technology Co., Ltd.",
    "bosch": "Robert Bosch GmbH",
    "michelin": "Compagnie Générale des Établissements Michelin",
    "castrol": "Castrol Limited",
    "newbalance": "New Balance Athletics, Inc.",
    "northface": "The North Face Apparel Corp.",
    "fastretailing": "Fast Retailing Co., Ltd.",
    "inditex": "Industria de Diseño Textil, S.A.",
    "converse": "Converse Inc.",
    "swarovski": "Swarovski Aktiengesellschaft",
    "panasonic": "Panasonic Holdings Corporation",
    "philips": "Koninklijke Philips N.V.",
    "dyson": "Dyson Technology Limited",
    "gillette": "The Gillette Company LLC",
    "colgate": "Colgate-Palmolive Company",
    "unilever": "Unilever IP Holdings B.V.",
    "maybelline": "Maybelline LLC",
    "burberry": "Burberry Limited",
    "coach": "Coach IP Holdings LLC",
    "casio": "Casio Keisanki Kabushiki Kaisha",
    "seiko": "Seiko Group Corporation",
    "swatch": "Swatch AG",
    "haribo": "HARIBO GmbH & Co. KG",
    "ferrero": "Ferrero S.p.A.",
    "mars": "Mars, Incorporated",
    "lining": "Li Ning (China) Sports Goods Co., Ltd.",
    "anta": "Anta (China) Co., Ltd.",
    "gree": "Gree Electric Appliances, Inc. of Zhuhai",
    "haier": "Haier Group Corporation",
    "midea": "Midea Group Co., Ltd.",
    "baidu": "Beijing Baidu Netcom Science Technology Co., Ltd.",
    "tencent": "Tencent Holdings Limited",
    "alibaba": "Alibaba Group Holding Limited",
    "tsingtao": "Tsingtao Brewery Co., Ltd.",
    "moutai": "Kweichow Moutai Co., Ltd.",
    "wuliangye": "Wuliangye Yibin Co., Ltd.",
    "wahaha": "Hangzhou Wahaha Group Co., Ltd.",
    "nongfu": "Nongfu Spring Co., Ltd.",
    "gpharm": "Guangzhou Pharmaceutical Holdings Limited",
    "jdb": "Guangdong Jiaduobao Beverage & Food Co., Ltd.",
    "laoganma": "Guizhou Laoganma Special Flavour Foodstuffs Co., Ltd.",
    "jahwa": "Shanghai Jahwa United Co., Ltd.",
    "baiyao": "Yunnan Baiyao Group Co., Ltd.",
    "tongrentang": "China Beijing Tong Ren Tang Group Co., Ltd.",
    "mengniu": "Inner Mongolia Mengniu Dairy (Group) Co., Ltd.",
    "yili": "Inner Mongolia Yili Industrial Group Co., Ltd.",
    "squirrels": "Three Squirrels Inc.",
    "want": "Want Want China Holdings Limited",
    "guanshengyuan": "Shanghai Guan Sheng Yuan Food Ltd.",
    "pientzehuang": "Zhangzhou Pien Tze Huang Pharmaceutical Co., Ltd.",
    "quanjude": "China Quanjude (Group) Co., Ltd.",
    "daoxiangcun": "Beijing Daoxiangcun Foods Co., Ltd.",
    "chowtaifook": "Chow Tai Fook Jewellery Co., Ltd.",
    "laofengxiang": "Lao Feng Xiang Co., Ltd.",
    "luzhou": "Luzhou Laojiao Co., Ltd.",
    "jiannanchun": "Sichuan Jiannanchun (Group) Co., Ltd.",
    "changyu": "Yantai Changyu Pioneer Wine Co., Ltd.",
    "haitian": "Foshan Haitian Flavouring & Food Co., Ltd.",
    "leekumkee": "Lee Kum Kee Company Limited",
    "weilong": "Luohe Pingping Food Co., Ltd.",
    "bluemoon": "Blue Moon (China) Co., Ltd.",
    "shiseido": "Shiseido Company, Limited",
    "ryohin": "Ryohin Keikaku Co., Ltd.",
    "nongshim": "Nongshim Co., Ltd.",
    "krasny": "Krasny Oktyabr Confectionery Factory JSC",
    "yandex": "Yandex LLC",
    "qingshan": "Hangzhou Qingshan Household Products Co., Ltd.",
    "westlake": "Hangzhou West Lake District Longjing Tea Industry Association",
    "wuchang": "Wuchang Rice Association",
    "jinsui": "Henan Jinsui Seed Industry Co., Ltd.",
    "hexin": "Shenzhen Hexin Microelectronics Co., Ltd.",
    "lumen": "Lumen Pixel Studio Ltd.",
    "linklite": "LinkLite Software Co., Ltd.",
}

# ---------------------------------------------------------------------------------------------------------------
# Trademarks: id | name | classes | owner | jurisdiction | status | reference price | currency | mark type
# ---------------------------------------------------------------------------------------------------------------

TRADEMARKS = """
TM-NIKE|NIKE|25;28;18|nike|CN|registered|699|CNY|word
TM-ZH-NAIKE|耐克|25;28;18|nike|CN|registered|699|CNY|word
TM-AIR-JORDAN|AIR JORDAN|25;28|nike|CN|registered|1299|CNY|word
TM-JUST-DO-IT|JUST DO IT|25;28|nike|US|registered|45|USD|word
TM-ADIDAS|ADIDAS|25;28;18|adidas|CN|registered|799|CNY|word
TM-ZH-ADIDASI|阿迪达斯|25;28;18|adidas|CN|registered|799|CNY|word
TM-SAMSUNG|SAMSUNG|9;7;11|samsung|CN|registered|5999|CNY|word
TM-ZH-SANXING|三星|9;7;11|samsung|CN|registered|5999|CNY|word
TM-KO-SAMSEONG|삼성|9;7;11|samsung|KR|registered|5999|CNY|word
TM-CHANEL|CHANEL|3;14;18;25|chanel|CN|registered|1200|CNY|word
TM-ZH-XIANGNAIER|香奈儿|3;14;18;25|chanel|CN|registered|1200|CNY|word
TM-GUCCI|GUCCI|18;25;14;3|gucci|CN|registered|15000|CNY|word
TM-ZH-GUCHI|古驰|18;25;14|gucci|CN|registered|15000|CNY|word
TM-APPLE|APPLE|9;42|apple|CN|registered|6999|CNY|word
TM-ZH-PINGGUO|苹果|9|apple|CN|registered|6999|CNY|word
TM-IPHONE|IPHONE|9|apple|CN|registered|6999|CNY|word
TM-SONY|SONY|9|sony|CN|registered|2999|CNY|word
TM-ZH-SUONI|索尼|9|sony|CN|registered|2999|CNY|word
TM-PUMA|PUMA|25;28;18|puma|CN|registered|599|CNY|word
TM-ZH-BIAOMA|彪马|25;28|puma|CN|registered|599|CNY|word
TM-ROLEX|ROLEX|14|rolex|CN|registered|75000|CNY|word
TM-ZH-LAOLISHI|劳力士|14|rolex|CN|registered|75000|CNY|word
TM-LOUIS-VUITTON|LOUIS VUITTON|18;25;14|lv|CN|registered|16000|CNY|word
TM-ZH-LUYIWEIDENG|路易威登|18;25|lv|CN|registered|16000|CNY|word
TM-HERMES|HERMES|18;25;14;3|hermes|EM|registered|60000|CNY|word
TM-ZH-AIMASHI|爱马仕|18;25;14;3|hermes|CN|registered|60000|CNY|word
TM-PRADA|PRADA|18;25|prada|CN|registered|18000|CNY|word
TM-COCA-COLA|COCA-COLA|32|coke|CN|registered|3.5|CNY|word
TM-ZH-KEKOUKELE|可口可乐|32|coke|CN|registered|3.5|CNY|word
TM-SPRITE|SPRITE|32|coke|CN|registered|3.5|CNY|word
TM-ZH-XUEBI|雪碧|32|coke|CN|registered|3.5|CNY|word
TM-PEPSI|PEPSI|32|pepsi|CN|registered|3.5|CNY|word
TM-ZH-BAISHI|百事|32|pepsi|CN|registered|3.5|CNY|word
TM-STARBUCKS|STARBUCKS|30;43|starbucks|CN|registered|98|CNY|word
TM-ZH-XINGBAKE|星巴克|30;43|starbucks|CN|registered|98|CNY|word
TM-LEGO|LEGO|28|lego|CN|registered|899|CNY|word
TM-ZH-LEGAO|乐高|28|lego|CN|registered|899|CNY|word
TM-CANON|CANON|9|canon|CN|registered|16999|CNY|word
TM-ZH-JIANENG|佳能|9|canon|CN|registered|16999|CNY|word
TM-JA-KYANON|キヤノン|9|canon|JP|registered|16999|CNY|word
TM-NIKON|NIKON|9|nikon|CN|registered|14999|CNY|word
TM-HUAWEI|HUAWEI|9;38;42|huawei|CN|registered|5999|CNY|word
TM-ZH-HUAWEI|华为|9;38;42|huawei|CN|registered|5999|CNY|word
TM-XIAOMI|XIAOMI|9;7;11|xiaomi|CN|registered|1999|CNY|word
TM-ZH-XIAOMI|小米|9;7;11|xiaomi|CN|registered|1999|CNY|word
TM-LENOVO|LENOVO|9|lenovo|CN|registered|5999|CNY|word
TM-ZH-LIANXIANG|联想|9|lenovo|CN|registered|5999|CNY|word
TM-OPPO|OPPO|9|oppo|CN|registered|2999|CNY|word
TM-VIVO|VIVO|9|vivo|CN|registered|2999|CNY|word
TM-DIOR|DIOR|3;18;25|dior|CN|registered|1100|CNY|word
TM-ZH-DIAO|迪奥|3;18;25|dior|CN|registered|1100|CNY|word
TM-OREO|OREO|30|mondelez|CN|registered|9.9|CNY|word
TM-ZH-AOLIAO|奥利奥|30|mondelez|CN|registered|9.9|CNY|word
TM-ZH-KANGSHIFU|康师傅|30;29;32|tingyi|CN|registered|15|CNY|word
TM-MASTER-KONG|MASTER KONG|30;29;32|tingyi|CN|registered|15|CNY|word
TM-RAY-BAN|RAY-BAN|9|luxottica|CN|registered|1390|CNY|word
TM-OMEGA|OMEGA|14|omega|CN|registered|45000|CNY|word
TM-ZH-OUMIJIA|欧米茄|14|omega|CN|registered|45000|CNY|word
TM-CARTIER|CARTIER|14|cartier|CN|registered|42000|CNY|word
TM-ZH-KADIYA|卡地亚|14|cartier|CN|registered|42000|CNY|word
TM-TIFFANY|TIFFANY & CO.|14|tiffany|CN|registered|8000|CNY|word
TM-ESTEE-LAUDER|ESTEE LAUDER|3|esteelauder|CN|registered|720|CNY|word
TM-ZH-YASHILANDAI|雅诗兰黛|3|esteelauder|CN|registered|720|CNY|word
TM-LANCOME|LANCOME|3|lancome|CN|registered|1080|CNY|word
TM-ZH-LANKOU|兰蔻|3|lancome|CN|registered|1080|CNY|word
TM-LOREAL|L'OREAL|3|loreal|CN|registered|299|CNY|word
TM-ZH-OULAIYA|欧莱雅|3|loreal|CN|registered|299|CNY|word
TM-SK-II|SK-II|3|pg|CN|registered|1540|CNY|word
TM-ZH-HAIFEISI|海飞丝|3|pg|CN|registered|59|CNY|word
TM-ZH-PIAOROU|飘柔|3|pg|CN|registered|49|CNY|word
TM-ZH-SHUFUJIA|舒肤佳|3|pg|CN|registered|25|CNY|word
TM-NESTLE|NESTLE|30;29;32|nestle|CN|registered|59|CNY|word
TM-ZH-QUECHAO|雀巢|30;29;32|nestle|CN|registered|59|CNY|word
TM-NESCAFE|NESCAFE|30|nestle|CN|registered|59|CNY|word
TM-RED-BULL|RED BULL|32|redbull|CN|registered|6|CNY|word
TM-HEINEKEN|HEINEKEN|32|heineken|CN|registered|8|CNY|word
TM-BUDWEISER|BUDWEISER|32|abinbev|CN|registered|6|CNY|word
TM-JOHNNIE-WALKER|JOHNNIE WALKER|33|diageo|CN|registered|268|CNY|word
TM-HENNESSY|HENNESSY|33|hennessy|CN|registered|498|CNY|word
TM-MICROSOFT|MICROSOFT|9;42|microsoft|CN|registered|1099|CNY|word
TM-ADOBE|ADOBE|9;42|adobe|CN|registered|888|CNY|word
TM-INTEL|INTEL|9|intel|CN|registered|2499|CNY|word
TM-DELL|DELL|9|dell|CN|registered|5499|CNY|word
TM-ASUS|ASUS|9|asus|CN|registered|6999|CNY|word
TM-DJI|DJI|9;12|dji|CN|registered|4788|CNY|word
TM-ZH-DAJIANG|大疆|9;12|dji|CN|registered|4788|CNY|word
TM-BOSCH|BOSCH|7;9;11|bosch|CN|registered|699|CNY|word
TM-MICHELIN|MICHELIN|12|michelin|CN|registered|899|CNY|word
TM-CASTROL|CASTROL|4|castrol|CN|registered|329|CNY|word
TM-NEW-BALANCE|NEW BALANCE|25|newbalance|CN|registered|799|CNY|word
TM-THE-NORTH-FACE|THE NORTH FACE|25;18|northface|CN|registered|1998|CNY|word
TM-UNIQLO|UNIQLO|25|fastretailing|CN|registered|199|CNY|word
TM-JA-YUNIKURO|ユニクロ|25|fastretailing|JP|registered|199|CNY|word
TM-ZARA|ZARA|25|inditex|EM|registered|399|CNY|word
TM-CONVERSE|CONVERSE|25|converse|CN|registered|499|CNY|word
TM-SWAROVSKI|SWAROVSKI|14|swarovski|CN|registered|990|CNY|word
TM-PANASONIC|PANASONIC|9;11|panasonic|CN|registered|1999|CNY|word
TM-PHILIPS|PHILIPS|9;11;8|philips|CN|registered|599|CNY|word
TM-ZH-FEILIPU|飞利浦|9;11;8|philips|CN|registered|599|CNY|word
TM-DYSON|DYSON|7;11|dyson|CN|registered|3999|CNY|word
TM-ZH-DAISEN|戴森|7;11|dyson|CN|registered|3999|CNY|word
TM-GILLETTE|GILLETTE|8|gillette|CN|registered|129|CNY|word
TM-COLGATE|COLGATE|3|colgate|CN|registered|19.9|CNY|word
TM-DOVE|DOVE|3|unilever|CN|registered|39|CNY|word
TM-MAYBELLINE|MAYBELLINE|3|maybelline|CN|registered|99|CNY|word
TM-BURBERRY|BURBERRY|25;18|burberry|CN|registered|12000|CNY|word
TM-COACH|COACH|18|coach|CN|registered|3500|CNY|word
TM-CASIO|CASIO|14;9|casio|CN|registered|899|CNY|word
TM-SEIKO|SEIKO|14|seiko|CN|registered|2600|CNY|word
TM-SWATCH|SWATCH|14|swatch|CN|registered|650|CNY|word
TM-HARIBO|HARIBO|30|haribo|CN|registered|19.9|CNY|word
TM-FERRERO-ROCHER|FERRERO ROCHER|30|ferrero|CN|registered|99|CNY|word
TM-ZH-DEFU|德芙|30|mars|CN|registered|29.9|CNY|word
TM-SNICKERS|SNICKERS|30|mars|CN|registered|5|CNY|word
TM-LI-NING|LI-NING|25;28|lining|CN|registered|499|CNY|word
TM-ZH-LINING|李宁|25;28|lining|CN|registered|499|CNY|word
TM-ANTA|ANTA|25;28|anta|CN|registered|399|CNY|word
TM-ZH-ANTA|安踏|25;28|anta|CN|registered|399|CNY|word
TM-GREE|GREE|11|gree|CN|registered|3299|CNY|word
TM-ZH-GELI|格力|11|gree|CN|registered|3299|CNY|word
TM-HAIER|HAIER|11;7|haier|CN|registered|2999|CNY|word
TM-ZH-HAIER|海尔|11;7|haier|CN|registered|2999|CNY|word
TM-MIDEA|MIDEA|11;7|midea|CN|registered|2599|CNY|word
TM-ZH-MEIDE|美的|11;7|midea|CN|registered|2599|CNY|word
TM-BAIDU|BAIDU|9;42;35|baidu|CN|registered||CNY|word
TM-ZH-BAIDU|百度|9;42;35|baidu|CN|registered||CNY|word
TM-TENCENT|TENCENT|9;41;42|tencent|CN|registered||CNY|word
TM-ZH-TENGXUN|腾讯|9;41;42|tencent|CN|registered||CNY|word
TM-ALIBABA|ALIBABA|35;42;9|alibaba|CN|registered||CNY|word
TM-ZH-ALIBABA|阿里巴巴|35;42;9|alibaba|CN|registered||CNY|word
TM-TSINGTAO|TSINGTAO|32|tsingtao|CN|registered|6|CNY|word
TM-ZH-QINGDAOPIJIU|青岛啤酒|32|tsingtao|CN|registered|6|CNY|word
TM-MOUTAI|MOUTAI|33|moutai|CN|registered|2999|CNY|word
TM-ZH-MAOTAI|茅台|33|moutai|CN|registered|2999|CNY|word
TM-ZH-WULIANGYE|五粮液|33|wuliangye|CN|registered|1099|CNY|word
TM-ZH-LUZHOULAOJIAO|泸州老窖|33|luzhou|CN|registered|899|CNY|word
TM-ZH-JIANNANCHUN|剑南春|33|jiannanchun|CN|registered|458|CNY|word
TM-ZH-ZHANGYU|张裕|33|changyu|CN|registered|128|CNY|word
TM-WAHAHA|WAHAHA|32;29;30|wahaha|CN|registered|4|CNY|word
TM-ZH-WAHAHA|娃哈哈|32;29;30|wahaha|CN|registered|4|CNY|word
TM-ZH-NONGFUSHANQUAN|农夫山泉|32|nongfu|CN|registered|2|CNY|word
TM-ZH-WANGLAOJI|王老吉|32|gpharm|CN|registered|4.5|CNY|word
TM-ZH-JIADUOBAO|加多宝|32|jdb|CN|registered|4.5|CNY|word
TM-ZH-LAOGANMA|老干妈|30|laoganma|CN|registered|11.5|CNY|word
TM-ZH-LIUSHEN|六神|3;5|jahwa|CN|registered|15.9|CNY|word
TM-ZH-YUNNANBAIYAO|云南白药|5;3|baiyao|CN|registered|29.9|CNY|word
TM-ZH-TONGRENTANG|同仁堂|5|tongrentang|CN|registered|68|CNY|word
TM-ZH-MENGNIU|蒙牛|29|mengniu|CN|registered|59|CNY|word
TM-ZH-YILI|伊利|29|yili|CN|registered|59|CNY|word
TM-ZH-SANZHISONGSHU|三只松鼠|29;30;31|squirrels|CN|registered|99|CNY|word
TM-ZH-WANGWANG|旺旺|30;29;32|want|CN|registered|39|CNY|word
TM-ZH-DABAITU|大白兔|30|guanshengyuan|CN|registered|25|CNY|word
TM-ZH-PIANZAIHUANG|片仔癀|5;3|pientzehuang|CN|registered|590|CNY|word
TM-ZH-QUANJUDE|全聚德|43;30;29|quanjude|CN|registered|168|CNY|word
TM-ZH-DAOXIANGCUN|稻香村|30|daoxiangcun|CN|registered|128|CNY|word
TM-ZH-ZHOUDAFU|周大福|14|chowtaifook|CN|registered|5800|CNY|word
TM-ZH-LAOFENGXIANG|老凤祥|14|laofengxiang|CN|registered|5200|CNY|word
TM-ZH-HAITIAN|海天|30|haitian|CN|registered|12.9|CNY|word
TM-ZH-LIJINJI|李锦记|30|leekumkee|CN|registered|19.9|CNY|word
TM-ZH-WEILONG|卫龙|29;30|weilong|CN|registered|19.9|CNY|word
TM-ZH-LANYUELIANG|蓝月亮|3|bluemoon|CN|registered|59|CNY|word
TM-JA-SHISEIDO|資生堂|3|shiseido|JP|registered|680|CNY|word
TM-JA-MUJIRUSHI|無印良品|25;20;16|ryohin|JP|registered|128|CNY|word
TM-KO-NONGSHIM|농심|30|nongshim|KR|registered|25|CNY|word
TM-KO-SHINRAMYUN|신라면|30|nongshim|KR|registered|25|CNY|word
TM-RU-ALYONKA|АЛЁНКА|30|krasny|RU|registered|15|CNY|word
TM-RU-YANDEX|ЯНДЕКС|9;42|yandex|RU|registered||USD|word
TM-AQUAVITA|AQUAVITA|32|nongfu|CN|expired|3|CNY|word
TM-COOLBREEZE|COOLBREEZE|11|gree|CN|expired|2999|CNY|word
TM-VELOCISTRIDE|VELOCISTRIDE|25|anta|CN|pending|499|CNY|word
TM-ZH-BINGFENGJING|冰峰晶|32|jdb|CN|filed|4|CNY|word
TM-ZH-YUEDONGXING|悦动星|28|lining|CN|refused|299|CNY|word
TM-HEXAGRIP|HEXAGRIP|8;21|qingshan|CN|cancelled|89|CNY|word
"""

# The other kinds of right: one or more of each (DESIGN.md §1).
OTHER_RIGHTS = [
    dict(id="PT-0001", kind="patent", name="Method for adaptive refresh-rate control of a foldable display",
         classes="9", owner="huawei", jurisdiction="CN", status="registered", registration_number="CN114822731B",
         patent_classes="G09G3/20;G06F1/16"),
    dict(id="PT-0002", kind="patent", name="Instant noodle frying process with reduced oil uptake",
         classes="30", owner="tingyi", jurisdiction="CN", status="pending", registration_number="CN117046215A",
         patent_classes="A23L7/113"),
    dict(id="UM-0001", kind="utility_model", name="Collapsible silicone water bottle with locking lid",
         classes="21", owner="qingshan", jurisdiction="CN", status="registered", reference_price="59",
         currency="CNY", registration_number="CN219021408U", evaluation_report="true", patent_classes="A47G19/22"),
    dict(id="UM-0002", kind="utility_model", name="Quick-release phone holder for bicycle handlebars",
         classes="9;12", owner="qingshan", jurisdiction="CN", status="registered", reference_price="79",
         currency="CNY", registration_number="CN218733652U", evaluation_report="false", patent_classes="B62J11/00"),
    dict(id="DS-0001", kind="design", name="Folding camping chair", classes="20", owner="qingshan",
         jurisdiction="CN", status="registered", reference_price="199", currency="CNY",
         registration_number="CN307514632S", image="images/design-folding-chair.png", evaluation_report="true",
         patent_classes="06-01"),
    dict(id="CR-0001", kind="copyright", name="Mountain Tea Garden product photo series", classes="16",
         owner="lumen", jurisdiction="CN", status="registered", registration_number="国作登字-2023-F-00123456",
         work_type="image"),
    dict(id="CR-0002", kind="copyright", name="LinkLite mobile messaging SDK", classes="9;42",
         owner="linklite", jurisdiction="CN", status="registered", registration_number="2023SR0456789",
         work_type="source_code"),
    dict(id="CR-0003", kind="copyright", name="The Longjing Brewing Handbook", classes="16", owner="lumen",
         jurisdiction="CN", status="registered", registration_number="国作登字-2022-A-00098765", work_type="text",
         work="works/longjing-brewing-handbook.txt"),
    dict(id="GI-0001", kind="geographical_indication", name="西湖龙井", classes="30", owner="westlake",
         jurisdiction="CN", status="registered", reference_price="1280", currency="CNY",
         registration_number="GI-CN-2001-0011", product="tea", origin_region="Hangzhou"),
    dict(id="GI-0002", kind="geographical_indication", name="五常大米", classes="30", owner="wuchang",
         jurisdiction="CN", status="registered", reference_price="99", currency="CNY",
         registration_number="GI-CN-2008-0103", product="rice", origin_region="Wuchang, Heilongjiang"),
    dict(id="PV-0001", kind="plant_variety", name="金穗318", classes="31", owner="jinsui", jurisdiction="CN",
         status="registered", registration_number="CNA20191234.5", taxon="Triticum aestivum L."),
    dict(id="IC-0001", kind="ic_layout", name="HX2201 power-management IC layout", classes="9", owner="hexin",
         jurisdiction="CN", status="registered", registration_number="BS.215501234"),
    dict(id="TS-0001", kind="trade_secret", name="Chilli oil fermentation process parameters", classes="30",
         owner="laoganma", jurisdiction="CN", status="registered",
         fingerprint=hashlib.sha256(b"custos-sample: trade secret TS-0001").hexdigest()),
]

HEADER = ("id,kind,name,classes,owner,jurisdiction,status,reference_price,currency,registration_number,mark_type,"
          "image,evaluation_report,patent_classes,work_type,product,origin_region,taxon,fingerprint,work").split(",")


def parse_trademarks():
    rights = []
    for line in TRADEMARKS.strip().splitlines():
        rid, name, classes, owner, jur, status, price, currency, mark_type = line.split("|")
        rights.append(dict(id=rid, kind="trademark", name=name, classes=classes, owner=owner, jurisdiction=jur,
                           status=status, reference_price=price, currency=currency if price else "",
                           mark_type=mark_type))
    return rights


def registration_number(rng, jurisdiction):
    if jurisdiction == "CN":
        return str(1000000 + rng.below(68000000))
    if jurisdiction == "US":
        return str(1000000 + rng.below(6000000))
    if jurisdiction == "EM":
        return "0%08d" % (rng.below(18000000))
    if jurisdiction == "JP":
        return "%d" % (4000000 + rng.below(2800000))
    if jurisdiction == "KR":
        return "40-%07d" % rng.below(2000000)
    if jurisdiction == "RU":
        return "%d" % (100000 + rng.below(900000))
    return "%d" % rng.below(10000000)


def build_portfolio(rng):
    rights = parse_trademarks()
    for right in rights:
        right["registration_number"] = registration_number(rng, right["jurisdiction"])
    rights.extend(dict(r) for r in OTHER_RIGHTS)
    for right in rights:
        right["owner"] = OWNERS[right["owner"]]
    ids = [r["id"] for r in rights]
    assert len(ids) == len(set(ids)), "duplicate right id"
    return rights


def csv_field(value):
    value = "" if value is None else str(value)
    if any(ch in value for ch in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_portfolio(path, rights):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for right in rights:
            out.write(",".join(csv_field(right.get(column, "")) for column in HEADER) + "\n")


# ---------------------------------------------------------------------------------------------------------------
# Evaluation set: query | classes | expected ids (space-separated)
# ---------------------------------------------------------------------------------------------------------------

EVALUATION = {
    "typo": """
ADIBAS|25|TM-ADIDAS
ADDIDAS|25|TM-ADIDAS
ADIDDAS|28|TM-ADIDAS
SAMSING|9|TM-SAMSUNG
SAMSUNGG|9|TM-SAMSUNG
ROLLEX|14|TM-ROLEX
GUCCCI|18|TM-GUCCI
GUCIC|25|TM-GUCCI
NIKEE|25|TM-NIKE
NIIKE|25|TM-NIKE
CHANNEL|3|TM-CHANEL
CHANNEL PARIS|18|TM-CHANEL
PRADDA|18|TM-PRADA
HERMAS|18|TM-HERMES
LOUIS VUITON|18|TM-LOUIS-VUITTON
LOUIS VUTTON|18|TM-LOUIS-VUITTON
COCA-COLLA|32|TM-COCA-COLA
STARBUKS|30|TM-STARBUCKS
CANNON|9|TM-CANON
NIKKON|9|TM-NIKON
HUAWIE|9|TM-HUAWEI
XIOAMI|9|TM-XIAOMI
LENOVA|9|TM-LENOVO
DOIR|3|TM-DIOR
PUMMA|25|TM-PUMA
APPEL|9|TM-APPLE
OMEGAA|14|TM-OMEGA
CARTEIR|14|TM-CARTIER
RED BUL|32|TM-RED-BULL
HEINIKEN|32|TM-HEINEKEN
BUDWIESER|32|TM-BUDWEISER
MICROSFT|9|TM-MICROSOFT
PANASONC|9|TM-PANASONIC
PHILLIPS|11|TM-PHILIPS
GILETTE|8|TM-GILLETTE
MAYBELINE|3|TM-MAYBELLINE
BURBERY|25|TM-BURBERRY
SWAROSKI|14|TM-SWAROVSKI
MICHELLIN|12|TM-MICHELIN
CONVRESE|25|TM-CONVERSE
LANCOM|3|TM-LANCOME
ESTEE LAUDRE|3|TM-ESTEE-LAUDER
STARBUCK|43|TM-STARBUCKS
HENESSY|33|TM-HENNESSY
""",
    "leet": """
N1KE|25|TM-NIKE
N!KE|25|TM-NIKE
AD1DA5|25|TM-ADIDAS
4DID4S|28|TM-ADIDAS
ADID@S|25|TM-ADIDAS
S4MSUNG|9|TM-SAMSUNG
$AMSUNG|9|TM-SAMSUNG
CH4NEL|3|TM-CHANEL
GUCC1|18|TM-GUCCI
GUCC!|25|TM-GUCCI
R0LEX|14|TM-ROLEX
PR4DA|18|TM-PRADA
L0UIS VU1TT0N|18|TM-LOUIS-VUITTON
C0CA-C0LA|32|TM-COCA-COLA
PEP5I|32|TM-PEPSI
5TARBUCK5|30|TM-STARBUCKS
L3GO|28|TM-LEGO
CAN0N|9|TM-CANON
N1K0N|9|TM-NIKON
HUAW3I|9|TM-HUAWEI
X1A0MI|9|TM-XIAOMI
L3N0V0|9|TM-LENOVO
0PP0|9|TM-OPPO
V1V0|9|TM-VIVO
D10R|3|TM-DIOR
S0NY|9|TM-SONY
PUM4|25|TM-PUMA
4PPLE|9|TM-APPLE
0MEGA|14|TM-OMEGA
R4Y-B4N|9|TM-RAY-BAN
H3RM3S|18|TM-HERMES
M1CR0S0FT|9|TM-MICROSOFT
1NTEL|9|TM-INTEL
DY50N|11|TM-DYSON
B0SCH|7|TM-BOSCH
0RE0|30|TM-OREO
""",
    "homoglyph": """
СHANEL|3|TM-CHANEL
CНАNЕL|18|TM-CHANEL
NІKE|25|TM-NIKE
ΝΙΚΕ|25|TM-NIKE
ＮＩＫＥ|25|TM-NIKE
АDIDAS|25|TM-ADIDAS
ＡＤＩＤＡＳ|28|TM-ADIDAS
SАMSUNG|9|TM-SAMSUNG
ＳＡＭＳＵＮＧ|9|TM-SAMSUNG
GUССI|18|TM-GUCCI
РRADA|18|TM-PRADA
RОLEX|14|TM-ROLEX
ΑΡΡLE|9|TM-APPLE
аpple|9|TM-APPLE
ＳＯＮＹ|9|TM-SONY
ЅОNY|9|TM-SONY
ＣＡＮＯＮ|9|TM-CANON
ＬＥＧＯ|28|TM-LEGO
ＨＵＡＷＥＩ|9|TM-HUAWEI
ＰＵＭＡ|25|TM-PUMA
ＤＩＯＲ|3|TM-DIOR
ОМЕGА|14|TM-OMEGA
сoca-cola|32|TM-COCA-COLA
РЕРSI|32|TM-PEPSI
𝐍𝐈𝐊𝐄|25|TM-NIKE
𝐆𝐔𝐂𝐂𝐈|18|TM-GUCCI
ХIAOMI|9|TM-XIAOMI
НERMES|18|TM-HERMES
VІVО|9|TM-VIVO
ОРРО|9|TM-OPPO
LЕNОVО|9|TM-LENOVO
""",
    "containment": """
NIKE AIR MAX 2024|25|TM-NIKE
2024 new NIKE AIR MAX men's running shoes|25|TM-NIKE
NIKE AIR JORDAN 1 RETRO|25|TM-NIKE TM-AIR-JORDAN
JUST DO IT T-SHIRT|25|TM-JUST-DO-IT
SAMSUNG GALAXY CASE|9|TM-SAMSUNG
ADIDAS ULTRABOOST 22|25|TM-ADIDAS
APPLE IPHONE 15 PRO MAX|9|TM-APPLE TM-IPHONE
GUCCI MARMONT SHOULDER BAG|18|TM-GUCCI
LOUIS VUITTON NEVERFULL MM|18|TM-LOUIS-VUITTON
COCA-COLA ZERO SUGAR|32|TM-COCA-COLA
STARBUCKS COFFEE BEANS|30|TM-STARBUCKS
LEGO TECHNIC SUPERCAR|28|TM-LEGO
CANON EOS R5 BODY|9|TM-CANON
HUAWEI MATE 60 PRO|9|TM-HUAWEI
XIAOMI REDMI NOTE 13|9|TM-XIAOMI
ROLEX SUBMARINER DATE|14|TM-ROLEX
DIOR SAUVAGE EAU DE PARFUM|3|TM-DIOR
CHANEL NO.5 PARFUM|3|TM-CHANEL
RAY-BAN AVIATOR CLASSIC|9|TM-RAY-BAN
DYSON V15 DETECT|7|TM-DYSON
康师傅红烧牛肉面|30|TM-ZH-KANGSHIFU
康师傅冰红茶|32|TM-ZH-KANGSHIFU
娃哈哈AD钙奶|32|TM-ZH-WAHAHA
农夫山泉饮用天然水|32|TM-ZH-NONGFUSHANQUAN
王老吉凉茶|32|TM-ZH-WANGLAOJI
老干妈风味豆豉|30|TM-ZH-LAOGANMA
云南白药牙膏|3|TM-ZH-YUNNANBAIYAO
茅台飞天53度|33|TM-ZH-MAOTAI
五粮液52度浓香型|33|TM-ZH-WULIANGYE
青岛啤酒纯生|32|TM-ZH-QINGDAOPIJIU
李宁运动鞋男款|25|TM-ZH-LINING
华为MATE60手机壳|9|TM-ZH-HUAWEI
小米手环8|9|TM-ZH-XIAOMI
三只松鼠坚果礼盒|29|TM-ZH-SANZHISONGSHU
大白兔奶糖|30|TM-ZH-DABAITU
六神花露水|3|TM-ZH-LIUSHEN
雪碧柠檬味汽水|32|TM-ZH-XUEBI
奥利奥夹心饼干|30|TM-ZH-AOLIAO
耐克男子跑步鞋|25|TM-ZH-NAIKE
三星GALAXY S24|9|TM-ZH-SANXING
""",
    "chinese_sound": """
耐课|25|TM-ZH-NAIKE
哇哈哈|32|TM-ZH-WAHAHA
华伟|9|TM-ZH-HUAWEI
小咪|9|TM-ZH-XIAOMI
连想|9|TM-ZH-LIANXIANG
康狮傅|30|TM-ZH-KANGSHIFU
雪必|32|TM-ZH-XUEBI
奥力奥|30|TM-ZH-AOLIAO
阿迪大斯|25|TM-ZH-ADIDASI
三性|9|TM-ZH-SANXING
农夫山全|32|TM-ZH-NONGFUSHANQUAN
王老记|32|TM-ZH-WANGLAOJI
加多保|32|TM-ZH-JIADUOBAO
老干马|30|TM-ZH-LAOGANMA
流神|3|TM-ZH-LIUSHEN
云南百药|5|TM-ZH-YUNNANBAIYAO
同仁糖|5|TM-ZH-TONGRENTANG
毛台|33|TM-ZH-MAOTAI
五粮夜|33|TM-ZH-WULIANGYE
青岛皮酒|32|TM-ZH-QINGDAOPIJIU
百渡|9|TM-ZH-BAIDU
腾迅|9|TM-ZH-TENGXUN
阿里爸爸|35|TM-ZH-ALIBABA
力宁|25|TM-ZH-LINING
安塔|25|TM-ZH-ANTA
歌力|11|TM-ZH-GELI
海儿|11|TM-ZH-HAIER
萌牛|29|TM-ZH-MENGNIU
依利|29|TM-ZH-YILI
三只松树|29|TM-ZH-SANZHISONGSHU
望望|30|TM-ZH-WANGWANG
大白图|30|TM-ZH-DABAITU
片仔黄|5|TM-ZH-PIANZAIHUANG
全聚得|43|TM-ZH-QUANJUDE
道香村|30|TM-ZH-DAOXIANGCUN
周大富|14|TM-ZH-ZHOUDAFU
星巴壳|30|TM-ZH-XINGBAKE
香耐儿|3|TM-ZH-XIANGNAIER
鹊巢|30|TM-ZH-QUECHAO
索妮|9|TM-ZH-SUONI
""",
    "chinese_shape": """
康帅傅|30|TM-ZH-KANGSHIFU
唐师傅|30|TM-ZH-KANGSHIFU
雷碧|32|TM-ZH-XUEBI
粤利粤|30|TM-ZH-AOLIAO
大自兔|30|TM-ZH-DABAITU
六袖|3|TM-ZH-LIUSHEN
娃恰恰|32|TM-ZH-WAHAHA
华办|9|TM-ZH-HUAWEI
小来|9|TM-ZH-XIAOMI
衣夫山泉|32|TM-ZH-NONGFUSHANQUAN
王老古|32|TM-ZH-WANGLAOJI
玉老吉|32|TM-ZH-WANGLAOJI
加多室|32|TM-ZH-JIADUOBAO
老千妈|30|TM-ZH-LAOGANMA
云南自药|5|TM-ZH-YUNNANBAIYAO
同仁常|5|TM-ZH-TONGRENTANG
茅苔|33|TM-ZH-MAOTAI
青鸟啤酒|32|TM-ZH-QINGDAOPIJIU
滕讯|9|TM-ZH-TENGXUN
季宁|25|TM-ZH-LINING
安蹈|25|TM-ZH-ANTA
格刀|11|TM-ZH-GELI
梅尔|11|TM-ZH-HAIER
蒙午|29|TM-ZH-MENGNIU
伊和|29|TM-ZH-YILI
汪汪|30|TM-ZH-WANGWANG
周大副|14|TM-ZH-ZHOUDAFU
星巳克|30|TM-ZH-XINGBAKE
可囗可乐|32|TM-ZH-KEKOUKELE
阿迪达期|25|TM-ZH-ADIDASI
""",
    "traditional": """
康師傅|30|TM-ZH-KANGSHIFU
華為|9|TM-ZH-HUAWEI
聯想|9|TM-ZH-LIANXIANG
奧利奧|30|TM-ZH-AOLIAO
阿迪達斯|25|TM-ZH-ADIDASI
農夫山泉|32|TM-ZH-NONGFUSHANQUAN
加多寶|32|TM-ZH-JIADUOBAO
老乾媽|30|TM-ZH-LAOGANMA
雲南白藥|5|TM-ZH-YUNNANBAIYAO
五糧液|33|TM-ZH-WULIANGYE
青島啤酒|32|TM-ZH-QINGDAOPIJIU
騰訊|9|TM-ZH-TENGXUN
李寧|25|TM-ZH-LINING
海爾|11|TM-ZH-HAIER
三隻松鼠|29|TM-ZH-SANZHISONGSHU
可口可樂|32|TM-ZH-KEKOUKELE
香奈兒|3|TM-ZH-XIANGNAIER
樂高|28|TM-ZH-LEGAO
勞力士|14|TM-ZH-LAOLISHI
愛馬仕|18|TM-ZH-AIMASHI
迪奧|3|TM-ZH-DIAO
歐米茄|14|TM-ZH-OUMIJIA
蘭蔻|3|TM-ZH-LANKOU
雅詩蘭黛|3|TM-ZH-YASHILANDAI
歐萊雅|3|TM-ZH-OULAIYA
飛利浦|11|TM-ZH-FEILIPU
瀘州老窖|33|TM-ZH-LUZHOULAOJIAO
劍南春|33|TM-ZH-JIANNANCHUN
茅臺|33|TM-ZH-MAOTAI
衛龍|29|TM-ZH-WEILONG
李錦記|30|TM-ZH-LIJINJI
舒膚佳|3|TM-ZH-SHUFUJIA
海飛絲|3|TM-ZH-HAIFEISI
飄柔|3|TM-ZH-PIAOROU
藍月亮|3|TM-ZH-LANYUELIANG
老鳳祥|14|TM-ZH-LAOFENGXIANG
彪馬|25|TM-ZH-BIAOMA
卡地亞|14|TM-ZH-KADIYA
張裕|33|TM-ZH-ZHANGYU
蘋果|9|TM-ZH-PINGGUO
康師傅紅燒牛肉麵|30|TM-ZH-KANGSHIFU
""",
    "transliteration": """
NAIKE|25|TM-ZH-NAIKE TM-NIKE
KANGSHIFU|30|TM-ZH-KANGSHIFU
KANG SHI FU|30|TM-ZH-KANGSHIFU
HUAWEI|9|TM-HUAWEI TM-ZH-HUAWEI
Hua Wei|9|TM-HUAWEI TM-ZH-HUAWEI
XIAOMI|9|TM-XIAOMI TM-ZH-XIAOMI
LIANXIANG|9|TM-ZH-LIANXIANG
WAHAHA|32|TM-WAHAHA TM-ZH-WAHAHA
LINING|25|TM-LI-NING TM-ZH-LINING
ANTA|25|TM-ANTA TM-ZH-ANTA
HAIER|11|TM-HAIER TM-ZH-HAIER
GELI|11|TM-ZH-GELI
MEIDE|11|TM-ZH-MEIDE
MENGNIU|29|TM-ZH-MENGNIU
YILI|29|TM-ZH-YILI
laoganma|30|TM-ZH-LAOGANMA
WANGLAOJI|32|TM-ZH-WANGLAOJI
JIADUOBAO|32|TM-ZH-JIADUOBAO
NONGFU SHANQUAN|32|TM-ZH-NONGFUSHANQUAN
YUNNAN BAIYAO|5|TM-ZH-YUNNANBAIYAO
TONGRENTANG|5|TM-ZH-TONGRENTANG
MAOTAI|33|TM-ZH-MAOTAI TM-MOUTAI
WULIANGYE|33|TM-ZH-WULIANGYE
QINGDAO PIJIU|32|TM-ZH-QINGDAOPIJIU
BAIDU|9|TM-BAIDU TM-ZH-BAIDU
TENGXUN|9|TM-ZH-TENGXUN
ALIBABA|35|TM-ALIBABA TM-ZH-ALIBABA
XUEBI|32|TM-ZH-XUEBI
AOLIAO|30|TM-ZH-AOLIAO
SANXING|9|TM-ZH-SANXING
DABAITU|30|TM-ZH-DABAITU
PIANZAIHUANG|5|TM-ZH-PIANZAIHUANG
QUANJUDE|43|TM-ZH-QUANJUDE
DAOXIANGCUN|30|TM-ZH-DAOXIANGCUN
ZHOUDAFU|14|TM-ZH-ZHOUDAFU
LIUSHEN|3|TM-ZH-LIUSHEN
WANGWANG|30|TM-ZH-WANGWANG
SANZHI SONGSHU|29|TM-ZH-SANZHISONGSHU
XINGBAKE|30|TM-ZH-XINGBAKE
ADIDASI|25|TM-ZH-ADIDASI TM-ADIDAS
""",
    "negative": """
ZEPHYR OUTDOOR|25|
BLUE HERON COFFEE|30|
MAPLEWOOD FURNITURE|20|
QUILLSTONE|16|
TERRAVERDE|31|
BRIGHTLOOM|24|
OAKRIDGE TOOLS|8|
SILVERFERN|14|
NORTHWIND KITES|28|
PAPER LANTERN PRESS|16|
HONEYCOMB LABS|42|
KESTREL OPTICS|9|
MARIGOLD TEA HOUSE|30|
RIVERSTONE|19|
TIDEWATER FOODS|29|
CEDARLINE|20|
FOXGLOVE BOTANICALS|3|
ORCHARD LANE|32|
WILLOWBY|25|
GRANITE PEAK|25|
VELVET MOTH|18|
COPPER LADLE|21|
HARBOUR LIGHTS|11|
SUNDIAL WORKS|14|
PINECREST|12|
LARKSPUR|3|
BRAMBLEBERRY|30|
HIGHLAND THISTLE|33|
CLOUDBERRY|32|
IRONBARK|7|
QUARTZLINE|9|
MOSSGROVE|31|
TALLGRASS|25|
WHISTLER BAY|43|
EMBERGLOW|11|
SALTMARSH|29|
GLIMMERWING|28|
TORTUGA TRAIL|18|
BELLWEATHER|35|
KINDLEWOOD|16|
青山茶业|30|
清泉小镇|32|
竹林人家|43|
远山书院|41|
绿野仙踪|28|
金沙湾|36|
红叶居|43|
春风十里|25|
岭南果园|31|
东湖渔村|29|
锦绣河山|24|
晨曦文具|16|
松竹梅|33|
翠屏山|30|
蓝鲸科技|42|
白鹭洲|3|
橙光家居|20|
雨林咖啡|30|
银杏书屋|16|
古镇酱园|30|
田园牧歌|29|
紫藤花开|3|
燕归来|32|
山川器物|21|
""",
}


def build_evaluation(rights):
    ids = {r["id"] for r in rights}
    rows = []
    for category, table in EVALUATION.items():
        for line in table.strip().splitlines():
            query, classes, expected = line.split("|")
            expected_ids = expected.split() if expected else []
            for rid in expected_ids:
                assert rid in ids, "evaluation expects unknown right %s (%s)" % (rid, query)
            rows.append(dict(query=query, classes=[int(c) for c in classes.split(";")], category=category,
                             expected=expected_ids))
    return rows


def latin_fold(text):
    """Folds case, compatibility forms and everything but letters and digits, for the sanity checks below."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def check_negatives(rows, rights):
    """Negatives must not contain a portfolio name nor lie within a small edit distance of one."""
    names = [latin_fold(r["name"]) for r in rights if r["kind"] in ("trademark", "geographical_indication",
                                                                       "plant_variety")]
    for row in rows:
        if row["category"] != "negative":
            continue
        query = latin_fold(row["query"])
        for name in names:
            assert name not in query and query not in name, "negative %s contains %s" % (row["query"], name)
            limit = max(2, len(name) // 3)
            assert edit_distance(query, name) > limit, "negative %s is close to %s" % (row["query"], name)
        bigrams = {query[i:i + 2] for i in range(len(query) - 1) if not query[i:i + 2].isascii()}
        for name in names:
            shared = bigrams & {name[i:i + 2] for i in range(len(name) - 1)}
            assert not shared, "negative %s shares %s with a portfolio name" % (row["query"], shared)
        for word in re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", row["query"]).lower()):
            for name in names:
                if name.isascii() and len(word) >= 3:
                    assert edit_distance(word, name) > max(1, len(name) // 3), \
                        "negative word %s is close to %s" % (word, name)


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


# ---------------------------------------------------------------------------------------------------------------
# Listings
# ---------------------------------------------------------------------------------------------------------------

CATEGORIES = ["apparel", "footwear", "bags", "watches", "jewellery", "cosmetics", "perfume", "electronics",
              "phones", "computers", "beverages", "food", "snacks", "dairy", "toys", "sports", "software",
              "pharmaceuticals", "tools", "household", "tea", "liquor", "eyewear", "auto_parts"]

# Genuine catalogue: right id -> display names (Latin, Chinese) and products
# (category, English product, Chinese product, price in CNY).
CATALOGUE = {
    "TM-NIKE": ("Nike", "耐克", [
        ("footwear", "Air Max 270 men's running shoes", "Air Max 270 男子跑步鞋", 1099),
        ("footwear", "Pegasus 40 road running shoes", "Pegasus 40 公路跑步鞋", 899),
        ("apparel", "Dri-FIT training T-shirt", "Dri-FIT 男子训练T恤", 249),
        ("bags", "Brasilia training backpack", "Brasilia 训练双肩包", 299),
        ("sports", "Elite basketball size 7", "Elite 7号篮球", 329)]),
    "TM-ADIDAS": ("adidas", "阿迪达斯", [
        ("footwear", "Ultraboost Light running shoes", "Ultraboost Light 跑步鞋", 1299),
        ("footwear", "Samba OG trainers", "Samba OG 板鞋", 899),
        ("apparel", "Essentials 3-Stripes hoodie", "三条纹连帽卫衣", 499),
        ("sports", "Tiro league football", "Tiro 联赛足球", 199)]),
    "TM-PUMA": ("PUMA", "彪马", [
        ("footwear", "Suede Classic sneakers", "Suede Classic 休闲板鞋", 599),
        ("apparel", "Essentials logo tee", "基础款徽标T恤", 199)]),
    "TM-LI-NING": ("LI-NING", "李宁", [
        ("footwear", "Way of Wade basketball shoes", "韦德之道 篮球鞋", 1299),
        ("apparel", "sports windbreaker jacket", "运动风衣外套", 399)]),
    "TM-ANTA": ("ANTA", "安踏", [
        ("footwear", "C202 marathon running shoes", "C202 马拉松跑鞋", 699),
        ("apparel", "quick-dry training shorts", "速干训练短裤", 129)]),
    "TM-NEW-BALANCE": ("New Balance", "新百伦", [
        ("footwear", "574 classic sneakers", "574 经典复古鞋", 799)]),
    "TM-CONVERSE": ("Converse", "匡威", [
        ("footwear", "Chuck 70 high-top canvas shoes", "Chuck 70 高帮帆布鞋", 569)]),
    "TM-THE-NORTH-FACE": ("The North Face", "北面", [
        ("apparel", "Nuptse 1996 down jacket", "1996 Nuptse 羽绒服", 2698),
        ("bags", "Borealis daypack", "Borealis 双肩背包", 899)]),
    "TM-UNIQLO": ("UNIQLO", "优衣库", [
        ("apparel", "AIRism cotton crew neck T-shirt", "AIRism 棉质圆领T恤", 99),
        ("apparel", "Ultra Light Down jacket", "高级轻型羽绒服", 499)]),
    "TM-SAMSUNG": ("Samsung", "三星", [
        ("phones", "Galaxy S24 Ultra 256GB", "Galaxy S24 Ultra 256GB 手机", 9699),
        ("phones", "Galaxy A55 5G", "Galaxy A55 5G 手机", 2999),
        ("electronics", "Galaxy Buds3 Pro earbuds", "Galaxy Buds3 Pro 无线耳机", 1499),
        ("household", "Bespoke AI washing machine 10kg", "Bespoke AI 10公斤滚筒洗衣机", 5999)]),
    "TM-APPLE": ("Apple", "苹果", [
        ("phones", "iPhone 15 Pro 256GB", "iPhone 15 Pro 256GB", 8999),
        ("computers", "MacBook Air 13-inch M3", "MacBook Air 13英寸 M3", 8999),
        ("electronics", "AirPods Pro (2nd generation)", "AirPods Pro（第二代）", 1899),
        ("watches", "Apple Watch Series 9 GPS 45mm", "Apple Watch Series 9 GPS 45毫米", 3199)]),
    "TM-HUAWEI": ("HUAWEI", "华为", [
        ("phones", "Mate 60 Pro 12GB+512GB", "Mate 60 Pro 12GB+512GB 手机", 7999),
        ("electronics", "FreeBuds Pro 3", "FreeBuds Pro 3 无线耳机", 1499),
        ("watches", "WATCH GT 4 46mm", "WATCH GT 4 46mm 智能手表", 1588),
        ("computers", "MateBook X Pro", "MateBook X Pro 笔记本电脑", 11999)]),
    "TM-XIAOMI": ("Xiaomi", "小米", [
        ("phones", "Xiaomi 14 12GB+256GB", "小米14 12GB+256GB 手机", 3999),
        ("electronics", "Smart Band 8", "小米手环8", 239),
        ("household", "robot vacuum S10+", "米家扫拖机器人 S10+", 2999)]),
    "TM-LENOVO": ("Lenovo", "联想", [
        ("computers", "ThinkPad X1 Carbon Gen 11", "ThinkPad X1 Carbon 2023 笔记本", 10999),
        ("computers", "Legion Y9000P gaming laptop", "拯救者 Y9000P 游戏本", 9999)]),
    "TM-OPPO": ("OPPO", "OPPO", [("phones", "Find X7 16GB+512GB", "Find X7 16GB+512GB 手机", 4999)]),
    "TM-VIVO": ("vivo", "vivo", [("phones", "X100 Pro 16GB+512GB", "X100 Pro 16GB+512GB 手机", 5499)]),
    "TM-SONY": ("Sony", "索尼", [
        ("electronics", "WH-1000XM5 noise cancelling headphones", "WH-1000XM5 降噪耳机", 2999),
        ("electronics", "Alpha 7 IV full-frame camera", "Alpha 7 IV 全画幅微单相机", 16999)]),
    "TM-CANON": ("Canon", "佳能", [("electronics", "EOS R6 Mark II body", "EOS R6 Mark II 机身", 14999)]),
    "TM-NIKON": ("Nikon", "尼康", [("electronics", "Z6 III mirrorless camera", "Z6 III 无反相机", 15999)]),
    "TM-DJI": ("DJI", "大疆", [("electronics", "Mini 4 Pro drone", "Mini 4 Pro 航拍无人机", 4788)]),
    "TM-DYSON": ("Dyson", "戴森", [
        ("household", "V15 Detect cordless vacuum", "V15 Detect 无绳吸尘器", 4990),
        ("electronics", "Supersonic hair dryer", "Supersonic 吹风机", 2999)]),
    "TM-PHILIPS": ("Philips", "飞利浦", [("household", "Sonicare electric toothbrush", "Sonicare 电动牙刷", 599)]),
    "TM-GREE": ("GREE", "格力", [("household", "1.5HP inverter air conditioner", "1.5匹变频空调挂机", 3299)]),
    "TM-HAIER": ("Haier", "海尔", [("household", "520L French-door refrigerator", "520升法式多门冰箱", 4599)]),
    "TM-MIDEA": ("Midea", "美的", [("household", "IH rice cooker 4L", "IH电饭煲 4升", 399)]),
    "TM-MICROSOFT": ("Microsoft", "微软", [
        ("software", "Office Home & Student 2021", "Office 家庭和学生版 2021", 748),
        ("software", "Windows 11 Pro licence", "Windows 11 专业版", 1099)]),
    "TM-ADOBE": ("Adobe", "Adobe", [
        ("software", "Photoshop 1-year subscription", "Photoshop 一年订阅", 888)]),
    "TM-CHANEL": ("CHANEL", "香奈儿", [
        ("perfume", "N°5 Eau de Parfum 100ml", "五号香水 100ml", 1450),
        ("cosmetics", "Rouge Allure lipstick", "可可小姐口红", 350),
        ("bags", "Classic flap bag medium", "经典口盖包 中号", 78000)]),
    "TM-DIOR": ("Dior", "迪奥", [
        ("perfume", "Sauvage Eau de Toilette 100ml", "旷野男士淡香水 100ml", 1100),
        ("cosmetics", "Rouge Dior lipstick 999", "烈艳蓝金唇膏 999", 380)]),
    "TM-GUCCI": ("GUCCI", "古驰", [
        ("bags", "GG Marmont small shoulder bag", "GG Marmont 小号肩背包", 19500),
        ("footwear", "Ace leather sneakers", "Ace 皮革运动鞋", 6200)]),
    "TM-LOUIS-VUITTON": ("Louis Vuitton", "路易威登", [
        ("bags", "Neverfull MM tote", "Neverfull 中号手袋", 16000),
        ("bags", "Speedy Bandoulière 25", "Speedy Bandoulière 25 手袋", 14500)]),
    "TM-HERMES": ("Hermès", "爱马仕", [
        ("bags", "Picotin Lock 18 bag", "Picotin Lock 18 手袋", 26000),
        ("perfume", "Terre d'Hermès 100ml", "大地男士香水 100ml", 1080)]),
    "TM-PRADA": ("Prada", "普拉达", [("bags", "Re-Nylon shoulder bag", "Re-Nylon 单肩包", 13800)]),
    "TM-BURBERRY": ("Burberry", "博柏利", [("apparel", "Kensington trench coat", "Kensington 风衣", 16500)]),
    "TM-COACH": ("Coach", "蔻驰", [("bags", "Tabby shoulder bag 26", "Tabby 26 单肩包", 3500)]),
    "TM-ROLEX": ("Rolex", "劳力士", [
        ("watches", "Submariner Date 41mm", "潜航者型 41毫米腕表", 98000),
        ("watches", "Datejust 36", "日志型 36毫米腕表", 72000)]),
    "TM-OMEGA": ("OMEGA", "欧米茄", [("watches", "Seamaster Diver 300M", "海马300米潜水表", 45000)]),
    "TM-CARTIER": ("Cartier", "卡地亚", [
        ("watches", "Tank Must watch", "Tank Must 腕表", 26000),
        ("jewellery", "Love bracelet", "Love 手镯", 56000)]),
    "TM-TIFFANY": ("Tiffany & Co.", "蒂芙尼", [("jewellery", "Return to Tiffany heart tag pendant",
                                                   "Return to Tiffany 心形吊牌项链", 3650)]),
    "TM-SWAROVSKI": ("Swarovski", "施华洛世奇", [("jewellery", "Millenia pendant", "Millenia 项链", 1290)]),
    "TM-CASIO": ("Casio", "卡西欧", [("watches", "G-SHOCK GA-2100", "G-SHOCK GA-2100 手表", 899)]),
    "TM-SEIKO": ("Seiko", "精工", [("watches", "Presage cocktail time", "Presage 鸡尾酒腕表", 3600)]),
    "TM-RAY-BAN": ("Ray-Ban", "雷朋", [("eyewear", "Aviator Classic sunglasses", "飞行员经典太阳镜", 1390),
                                       ("eyewear", "Wayfarer sunglasses", "徒步旅行者太阳镜", 1290)]),
    "TM-ESTEE-LAUDER": ("Estee Lauder", "雅诗兰黛", [("cosmetics", "Advanced Night Repair serum 50ml",
                                                       "特润修护肌活精华露 50ml", 900)]),
    "TM-LANCOME": ("Lancome", "兰蔻", [("cosmetics", "Advanced Génifique serum 50ml", "小黑瓶精华 50ml", 1080)]),
    "TM-SK-II": ("SK-II", "SK-II", [("cosmetics", "Facial Treatment Essence 230ml", "神仙水 230ml", 1540)]),
    "TM-MAYBELLINE": ("Maybelline", "美宝莲", [("cosmetics", "Fit Me foundation", "Fit Me 粉底液", 129)]),
    "TM-COCA-COLA": ("Coca-Cola", "可口可乐", [("beverages", "Coca-Cola 330ml x 24 cans", "可口可乐 330ml×24罐", 59)]),
    "TM-PEPSI": ("Pepsi", "百事", [("beverages", "Pepsi 330ml x 24 cans", "百事可乐 330ml×24罐", 55)]),
    "TM-RED-BULL": ("Red Bull", "红牛", [("beverages", "energy drink 250ml x 24", "维生素功能饮料 250ml×24罐", 139)]),
    "TM-STARBUCKS": ("Starbucks", "星巴克", [("beverages", "Pike Place ground coffee 200g", "派克市场研磨咖啡 200g", 98),
                                              ("household", "stainless steel tumbler 473ml", "不锈钢随行杯 473ml", 229)]),
    "TM-NESTLE": ("Nestle", "雀巢", [("beverages", "NESCAFE Gold instant coffee 200g", "金牌速溶咖啡 200g", 129),
                                     ("dairy", "NAN infant formula 800g", "能恩婴儿配方奶粉 800g", 288)]),
    "TM-OREO": ("OREO", "奥利奥", [("snacks", "sandwich cookies 388g", "夹心饼干 388g", 19.9)]),
    "TM-HARIBO": ("HARIBO", "哈瑞宝", [("snacks", "Goldbears gummies 200g", "金熊软糖 200g", 19.9)]),
    "TM-SNICKERS": ("Snickers", "士力架", [("snacks", "peanut chocolate bars 20-pack", "花生夹心巧克力 20条装", 69)]),
    "TM-FERRERO-ROCHER": ("Ferrero Rocher", "费列罗", [("snacks", "hazelnut chocolates 30 pcs", "榛果威化巧克力 30粒", 139)]),
    "TM-LEGO": ("LEGO", "乐高", [("toys", "Technic Lamborghini Sián 42115", "机械组 兰博基尼 42115", 3299),
                                ("toys", "City fire station 60320", "城市系列 消防局 60320", 799)]),
    "TM-MICHELIN": ("Michelin", "米其林", [("auto_parts", "Pilot Sport 4 tyre 225/45R18", "竞驰 PS4 轮胎 225/45R18", 899)]),
    "TM-BOSCH": ("Bosch", "博世", [("tools", "GSR 120-LI cordless drill", "GSR 120-LI 锂电钻", 699),
                                  ("auto_parts", "aerotwin wiper blades", "风翼雨刮片", 129)]),
    "TM-CASTROL": ("Castrol", "嘉实多", [("auto_parts", "EDGE 5W-30 engine oil 4L", "极护 5W-30 全合成机油 4L", 329)]),
    "TM-GILLETTE": ("Gillette", "吉列", [("household", "Fusion5 ProGlide razor", "锋隐致顺剃须刀", 129)]),
    "TM-HENNESSY": ("Hennessy", "轩尼诗", [("liquor", "V.S.O.P cognac 700ml", "V.S.O.P 干邑 700ml", 498)]),
    "TM-JOHNNIE-WALKER": ("Johnnie Walker", "尊尼获加", [("liquor", "Black Label 12 years 700ml", "黑牌12年 700ml", 268)]),
    "TM-ZH-KANGSHIFU": (None, "康师傅", [("food", "Master Kong braised beef noodles 5-pack", "红烧牛肉面 五连包", 15),
                                         ("beverages", "iced black tea 500ml x 15", "冰红茶 500ml×15瓶", 45)]),
    "TM-ZH-WAHAHA": ("Wahaha", "娃哈哈", [("dairy", "AD calcium milk drink 220g x 24", "AD钙奶 220g×24瓶", 48),
                                         ("beverages", "purified water 596ml x 24", "纯净水 596ml×24瓶", 30)]),
    "TM-ZH-NONGFUSHANQUAN": (None, "农夫山泉", [("beverages", "natural water 550ml x 24", "饮用天然水 550ml×24瓶", 36),
                                                 ("tea", "Oriental Leaves jasmine tea 500ml x 15", "东方树叶 茉莉花茶 500ml×15瓶", 75)]),
    "TM-ZH-WANGLAOJI": (None, "王老吉", [("beverages", "herbal tea 310ml x 24 cans", "凉茶 310ml×24罐", 72)]),
    "TM-ZH-JIADUOBAO": (None, "加多宝", [("beverages", "herbal tea 310ml x 24 cans", "凉茶 310ml×24罐", 70)]),
    "TM-ZH-LAOGANMA": (None, "老干妈", [("food", "chilli in oil 280g", "风味豆豉油制辣椒 280g", 11.5)]),
    "TM-ZH-LIUSHEN": (None, "六神", [("cosmetics", "classic floral water 195ml", "经典花露水 195ml", 15.9)]),
    "TM-ZH-YUNNANBAIYAO": (None, "云南白药", [("pharmaceuticals", "aerosol spray 85g+30g", "气雾剂 85g+30g", 49),
                                               ("cosmetics", "toothpaste 210g", "牙膏 210g", 29.9)]),
    "TM-ZH-TONGRENTANG": (None, "同仁堂", [("pharmaceuticals", "Angong Niuhuang pills", "安宫牛黄丸 3g", 860)]),
    "TM-ZH-PIANZAIHUANG": (None, "片仔癀", [("pharmaceuticals", "Pien Tze Huang 3g", "片仔癀 3g 锭剂", 590)]),
    "TM-ZH-MAOTAI": ("Moutai", "茅台", [("liquor", "Feitian 53% 500ml", "飞天 53度 500ml 酱香型白酒", 2999)]),
    "TM-ZH-WULIANGYE": (None, "五粮液", [("liquor", "8th generation 52% 500ml", "第八代 52度 500ml 浓香型白酒", 1099)]),
    "TM-ZH-LUZHOULAOJIAO": (None, "泸州老窖", [("liquor", "Guojiao 1573 52% 500ml", "国窖1573 52度 500ml", 1099)]),
    "TM-ZH-QINGDAOPIJIU": ("Tsingtao", "青岛啤酒", [("beverages", "pure draft beer 500ml x 12", "纯生啤酒 500ml×12罐", 72)]),
    "TM-ZH-MENGNIU": (None, "蒙牛", [("dairy", "Deluxe milk 250ml x 12", "特仑苏纯牛奶 250ml×12盒", 59)]),
    "TM-ZH-YILI": (None, "伊利", [("dairy", "pure milk 250ml x 24", "纯牛奶 250ml×24盒", 59)]),
    "TM-ZH-SANZHISONGSHU": (None, "三只松鼠", [("snacks", "daily nuts gift box 750g", "每日坚果礼盒 750g", 99)]),
    "TM-ZH-WANGWANG": (None, "旺旺", [("snacks", "rice crackers gift pack", "雪饼仙贝大礼包", 39)]),
    "TM-ZH-DABAITU": (None, "大白兔", [("snacks", "milk candy 454g", "奶糖 454g 罐装", 25)]),
    "TM-ZH-QUANJUDE": (None, "全聚德", [("food", "roast duck vacuum pack 1kg", "北京烤鸭 真空装 1kg", 168)]),
    "TM-ZH-DAOXIANGCUN": (None, "稻香村", [("food", "mooncake gift box", "月饼礼盒", 128)]),
    "TM-ZH-ZHOUDAFU": (None, "周大福", [("jewellery", "24K gold pendant", "足金吊坠", 3580)]),
    "TM-ZH-LAOFENGXIANG": (None, "老凤祥", [("jewellery", "24K gold bangle", "足金手镯", 15800)]),
    "TM-ZH-HAITIAN": (None, "海天", [("food", "premium light soy sauce 1.9L", "金标生抽 1.9L", 19.9)]),
    "TM-ZH-WEILONG": (None, "卫龙", [("snacks", "spicy gluten strips 106g x 5", "大面筋辣条 106g×5袋", 19.9)]),
    "TM-ZH-LANYUELIANG": (None, "蓝月亮", [("household", "deep clean laundry liquid 3kg", "深层洁净洗衣液 3kg", 59)]),
    "GI-0001": (None, "西湖龙井", [("tea", "Mingqian spring green tea 250g", "明前特级绿茶 250g", 1280)]),
}

# Variant spellings of marks as knock-off sellers write them; keys are right ids.
LATIN_KNOCKOFFS = {
    "TM-NIKE": ["NIKEE", "N1KE", "NlKE", "ＮＩＫＥ", "NAIKE", "NIKÉ"],
    "TM-ADIDAS": ["ADIBAS", "ADDIDAS", "AD1DA5", "АDIDAS", "ADIDOS"],
    "TM-PUMA": ["PUMMA", "PUNA", "PUM4"],
    "TM-SAMSUNG": ["SAMSING", "SAMSUNQ", "S4MSUNG", "SАMSUNG"],
    "TM-APPLE": ["APPEL", "4PPLE", "ΑΡΡLE"],
    "TM-HUAWEI": ["HUAWEl", "HUAW3I", "HAUWEI"],
    "TM-XIAOMI": ["XIOAMI", "X1AOMI", "XAOMI"],
    "TM-CHANEL": ["Channel", "CHANNEL", "СHANEL", "CH4NEL"],
    "TM-DIOR": ["DIOOR", "D1OR", "DlOR"],
    "TM-GUCCI": ["GUCCCI", "GUCC1", "GUССI", "GUCHI"],
    "TM-LOUIS-VUITTON": ["LOUIS VUITON", "L0UIS VU1TT0N", "LOUlS VUITTON"],
    "TM-HERMES": ["HERMAS", "H3RM3S", "HERMÉS"],
    "TM-PRADA": ["PRADDA", "PR4DA", "РRADA"],
    "TM-ROLEX": ["ROLLEX", "R0LEX", "RОLEX", "ROLEKS"],
    "TM-OMEGA": ["OMEGAA", "0MEGA", "ОМЕGА"],
    "TM-CARTIER": ["CARTEIR", "C4RTIER", "KARTIER"],
    "TM-RAY-BAN": ["RAYBAN", "RAY-B4N", "RAIBAN"],
    "TM-SONY": ["SONNY", "S0NY", "ＳＯＮＹ"],
    "TM-LEGO": ["LEGOO", "L3GO", "LEG0"],
    "TM-COCA-COLA": ["COCA-COLLA", "C0CA-C0LA", "сoca-cola"],
    "TM-STARBUCKS": ["STARBUKS", "5TARBUCK5"],
    "TM-LANCOME": ["LANCOM", "LANC0ME"],
    "TM-ESTEE-LAUDER": ["ESTEE LAUDRE", "ESTE LAUDER"],
    "TM-MICROSOFT": ["MICROSFT", "M1CROSOFT"],
    "TM-DYSON": ["DYS0N", "DAISON"],
    "TM-CANON": ["CANNON", "CAN0N"],
}

CHINESE_KNOCKOFFS = {
    "TM-ZH-KANGSHIFU": ["康帅傅", "康狮傅", "唐师傅", "KANGSHIFU"],
    "TM-ZH-XUEBI": ["雷碧", "雪必"],
    "TM-ZH-AOLIAO": ["粤利粤", "奥力奥"],
    "TM-ZH-WAHAHA": ["哇哈哈", "娃恰恰"],
    "TM-ZH-DABAITU": ["大自兔", "大白图"],
    "TM-ZH-LIUSHEN": ["六袖", "流神"],
    "TM-ZH-NAIKE": ["耐课", "NAIKE"],
    "TM-ZH-ADIDASI": ["阿迪大斯", "阿迪达期"],
    "TM-ZH-HUAWEI": ["华伟", "华办"],
    "TM-ZH-XIAOMI": ["小咪", "小来"],
    "TM-ZH-NONGFUSHANQUAN": ["农夫山全", "衣夫山泉"],
    "TM-ZH-WANGLAOJI": ["王老古", "王老记"],
    "TM-ZH-LAOGANMA": ["老千妈", "老干马"],
    "TM-ZH-YUNNANBAIYAO": ["云南自药", "云南百药"],
    "TM-ZH-MAOTAI": ["茅苔", "毛台", "MAOTAI"],
    "TM-ZH-WULIANGYE": ["五粮夜"],
    "TM-ZH-QINGDAOPIJIU": ["青鸟啤酒"],
    "TM-ZH-LINING": ["李柠", "季宁"],
    "TM-ZH-MENGNIU": ["蒙午", "萌牛"],
    "TM-ZH-SANZHISONGSHU": ["三只松树"],
    "TM-ZH-WANGWANG": ["汪汪", "望望"],
    "TM-ZH-PIANZAIHUANG": ["片仔黄"],
    "TM-ZH-ZHOUDAFU": ["周大富"],
    "TM-ZH-XIANGNAIER": ["香耐儿"],
    "TM-ZH-KEKOUKELE": ["可囗可乐"],
}

VOCAB_EN = ["replica", "1:1", "AAA", "super copy", "mirror quality", "top quality replica", "high copy",
            "unbranded original-style", "factory original", "inspired by"]
VOCAB_ZH = ["高仿", "原单", "复刻", "精仿", "A货", "尾单", "1:1", "顶级版本", "工厂货", "莆田"]

GENUINE_STORES = {
    "taobao": "{zh}官方旗舰店", "tmall": "{zh}官方旗舰店", "jd": "{zh}京东自营旗舰店",
    "pinduoduo": "{zh}官方旗舰店", "amazon": "{en} Official Store", "ebay": "{en_slug}-authorised",
    "aliexpress": "{en} Official Store",
}

CN_PLATFORMS = ["taobao", "tmall", "jd", "pinduoduo"]
INTL_PLATFORMS = ["amazon", "ebay", "aliexpress"]
CN_REGIONS = ["CN-GD", "CN-ZJ", "CN-FJ", "CN-JS", "CN-SH", "CN-BJ", "CN-SC", "CN-HN", "CN-SD"]
INTL_REGIONS = ["US", "GB", "DE", "HK", "CN-GD", "CN-ZJ"]

# Repeat offenders: many bad listings each, in the categories they specialise in.
REPEAT_OFFENDERS = [
    ("pinduoduo", "pdd-s-880123", "潮牌工厂直销店", "CN-FJ", ["apparel", "footwear", "bags", "sports"]),
    ("taobao", "tb-s-3321908", "莆田精品鞋业", "CN-FJ", ["footwear", "sports"]),
    ("aliexpress", "ae-s-1103377", "Guangzhou Luxe Mirror Store", "CN-GD",
     ["bags", "watches", "jewellery", "perfume", "cosmetics", "eyewear"]),
    ("ebay", "ebay-s-topcopy88", "topcopy88", "HK", ["electronics", "phones", "computers", "software", "watches"]),
    ("taobao", "tb-s-7719004", "奢品原单尾货仓", "CN-GD", ["bags", "watches", "jewellery", "apparel", "perfume"]),
]

# Category groups decide which kind of shop sells what, so shop names fit their goods.
GROUPS = {
    "fashion": ["apparel", "footwear", "bags", "watches", "jewellery", "eyewear"],
    "beauty": ["cosmetics", "perfume", "pharmaceuticals"],
    "tech": ["electronics", "phones", "computers", "software"],
    "food": ["beverages", "food", "snacks", "dairy", "tea", "liquor"],
    "home": ["household", "tools", "auto_parts", "toys", "sports"],
}
GROUP_OF = {category: group for group, members in GROUPS.items() for category in members}

SHADY_NAMES = {
    "fashion": (["潮流小铺", "品牌折扣仓", "工厂尾货店", "潮鞋批发", "精品箱包城", "名表汇"],
                ["brand-outlet", "luxe4less", "fashionhub", "trendy-wholesale", "watchworld"]),
    "beauty": (["美妆特价仓", "香水小样铺", "药妆折扣店"], ["beautybargain", "scent-deals", "glowcheap"]),
    "tech": (["数码配件城", "手机批发部", "电脑软件小铺"], ["gadget-depot", "phone-parts-direct", "keyshop-cheap"]),
    "food": (["零食批发部", "酒水直供", "特产折扣店"], ["snack-wholesale", "liquor-direct", "food-bargains"]),
    "home": (["好物优选", "玩具批发城", "工具特卖"], ["mega-discount", "toy-bargains", "tool-clearance"]),
}
SMALL_SHOPS = {
    "fashion": (["服饰小铺", "鞋包生活馆", "饰品小店", "眼镜专营店"],
                ["StyleCorner", "Urban Threads", "SilverLeaf Jewelry", "ClearView Optics"]),
    "beauty": (["美妆生活馆", "健康药房", "个护小店"], ["GlowUp Beauty", "WellnessRx", "PureCare"]),
    "tech": (["数码配件店", "电脑外设馆", "手机周边店"], ["TechAccessories Hub", "DeskSetup Co", "PhoneGear"]),
    "food": (["农家特产店", "茶叶专营店", "零食小铺", "酒坊直营店"], ["TeaGarden Store", "PantryGoods", "FarmFresh Direct"]),
    "home": (["家居生活馆", "五金工具店", "汽车用品店", "玩具乐园", "户外运动店"],
             ["HomeEssentials", "ToolPro Supply", "AutoCare Parts", "PlayTime Toys", "OutdoorGear Plus"]),
}

# Generic, unbranded goods: (category, English title, Chinese title, price range in CNY).
GENERIC = [
    ("apparel", "Men's cotton crew neck T-shirt, 3 pack", "男士纯棉圆领短袖T恤 三件装", (39, 99)),
    ("apparel", "Women's linen wide-leg trousers", "女士亚麻阔腿裤 夏季薄款", (69, 159)),
    ("apparel", "Kids' fleece hoodie with zip", "儿童摇粒绒拉链卫衣", (49, 109)),
    ("footwear", "Breathable mesh walking shoes for men", "男士透气网面休闲健步鞋", (79, 199)),
    ("footwear", "Women's canvas slip-on shoes", "女士帆布一脚蹬懒人鞋", (39, 89)),
    ("bags", "Waterproof laptop backpack 15.6 inch", "防水笔记本电脑双肩包 15.6英寸", (59, 159)),
    ("bags", "Canvas tote bag with inner pocket", "帆布托特包 大容量", (19, 59)),
    ("watches", "Minimalist quartz watch with leather strap", "简约石英表 真皮表带", (59, 199)),
    ("jewellery", "Sterling silver stud earrings", "925纯银耳钉 简约款", (39, 129)),
    ("cosmetics", "Hyaluronic acid moisturising cream 50g", "玻尿酸保湿面霜 50g", (29, 89)),
    ("perfume", "Solid perfume balm, jasmine", "茉莉固体香膏", (19, 49)),
    ("electronics", "USB-C fast charger 65W GaN", "65W 氮化镓快充充电器", (59, 139)),
    ("electronics", "Bluetooth 5.3 wireless earbuds", "蓝牙5.3 无线耳机 长续航", (49, 169)),
    ("phones", "Tempered glass screen protector, 2 pack", "钢化玻璃手机膜 两片装", (9, 29)),
    ("phones", "Shockproof clear phone case", "透明防摔手机壳", (9, 39)),
    ("computers", "Wireless ergonomic mouse", "无线人体工学鼠标", (39, 129)),
    ("computers", "Mechanical keyboard 87 keys, red switches", "87键机械键盘 红轴", (129, 299)),
    ("beverages", "NFC 100% apple juice 1L", "NFC 100%苹果汁 1L", (15, 29)),
    ("beverages", "Sparkling water, lemon, 330ml x 24", "柠檬味苏打气泡水 330ml×24瓶", (39, 69)),
    ("food", "Fresh Fuji apples 5 jin", "红富士苹果 新鲜水果 5斤装", (25, 49)),
    ("food", "Northeast yellow millet 2.5kg", "东北黄小米 新米 5斤", (29, 59)),
    ("food", "Hand-pulled dried noodles 1kg", "手工挂面 1kg", (12, 25)),
    ("snacks", "Roasted sunflower seeds 500g", "焦糖瓜子 500g", (12, 25)),
    ("snacks", "Dried mango slices 200g", "芒果干 200g", (15, 29)),
    ("dairy", "Plain Greek yoghurt 1kg", "希腊式原味酸奶 1kg", (19, 39)),
    ("toys", "Wooden building blocks 100 pcs", "木质积木 100粒", (49, 129)),
    ("toys", "Remote control racing car 1:16", "1:16 遥控赛车", (89, 199)),
    ("toys", "Coach bus die-cast model 1:50", "1:50 合金大巴车模型", (59, 129)),
    ("toys", "Children's association memory flash cards", "儿童联想记忆卡片 认知启蒙", (19, 39)),
    ("sports", "Non-slip yoga mat 6mm", "加厚防滑瑜伽垫 6mm", (39, 99)),
    ("sports", "Adjustable dumbbells 2 x 10kg", "可调节哑铃 一对 10kg", (129, 299)),
    ("software", "Antivirus suite 1-year, 3 devices", "杀毒软件 一年 三台设备", (99, 199)),
    ("pharmaceuticals", "Omega-3 fish oil capsules 120 softgels", "Omega-3 深海鱼油软胶囊 120粒", (69, 159)),
    ("pharmaceuticals", "Vitamin C effervescent tablets", "维生素C泡腾片", (19, 49)),
    ("tools", "Cordless screwdriver set 48 pcs", "电动螺丝刀套装 48件", (99, 199)),
    ("tools", "Stainless steel adjustable wrench", "不锈钢活动扳手", (19, 49)),
    ("household", "Vacuum insulated bottle 500ml", "真空保温杯 500ml", (39, 89)),
    ("household", "Three-star hotel style bath towel set", "三星级酒店同款纯棉浴巾套装", (49, 99)),
    ("household", "Fabric swatch book, 100 colours", "布料色卡本 100色", (29, 69)),
    ("household", "Landscape canvas print, sea and sky", "海天一色 风景装饰画", (69, 199)),
    ("apparel", "Dove grey silk scarf", "鸽灰色真丝围巾", (79, 199)),
    ("apparel", "The most beautiful floral summer dress", "最美的碎花连衣裙 夏季新款", (89, 199)),
    ("tea", "Yunnan pu-erh tea cake 357g", "云南普洱茶饼 357g", (69, 199)),
    ("tea", "Anxi Tieguanyin oolong tea 250g", "安溪铁观音 乌龙茶 250g", (59, 159)),
    ("liquor", "Sorghum baijiu 52% 500ml, local distillery", "高粱酒 52度 500ml 本地酒坊", (39, 99)),
    ("eyewear", "Blue-light blocking glasses", "防蓝光眼镜 平光", (29, 79)),
    ("eyewear", "Polarised sports sunglasses", "偏光运动太阳镜", (39, 99)),
    ("auto_parts", "Camper vans roof rack crossbars", "房车旅行车 车顶行李架横杆", (199, 499)),
    ("auto_parts", "Car phone holder, air vent mount", "车载手机支架 出风口", (19, 49)),
]

GENERIC_DESCRIPTIONS_EN = [
    "Brand-new, ships within 48 hours.", "Good value for everyday use.", "Please check the size chart before ordering.",
    "30-day returns accepted.", "Sold by an independent seller."]
GENERIC_DESCRIPTIONS_ZH = ["全新现货，48小时内发货。", "性价比高，日常实用。", "下单前请查看尺码表。", "支持七天无理由退换。",
                           "店铺自营，品质保证。"]
GENUINE_DESCRIPTIONS_EN = [
    "Authentic product shipped from the official store.", "Manufacturer's warranty included.",
    "Official retail packaging with serial number.", "Free shipping and easy returns."]
GENUINE_DESCRIPTIONS_ZH = ["官方正品，全国联保。", "品牌授权，假一赔十。", "官方旗舰店直发，支持验货。", "原厂包装，附防伪码。"]
BAD_DESCRIPTIONS_EN = [
    "Same factory as the original, looks identical.", "Comes with box and tags, no difference from the real one.",
    "Best quality on the market, ships from Guangzhou.", "Cheap price, limited stock, no returns.",
    "Please message us for more models."]
BAD_DESCRIPTIONS_ZH = ["与专柜一致，细节做工到位。", "原厂面料，专柜品质，懂的来。", "工厂直销，价格实惠，假一赔三（仅限本店标准）。",
                       "不退不换，介意慎拍。", "更多款式请咨询客服。"]


def platform_id(rng, platform):
    if platform in ("taobao", "tmall"):
        return str(600000000000 + rng.below(199999999999))
    if platform == "jd":
        return str(100000000000 + rng.below(9999999999))
    if platform == "pinduoduo":
        return str(300000000000 + rng.below(99999999999))
    if platform == "amazon":
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        return "B0" + "".join(alphabet[rng.below(len(alphabet))] for _ in range(8))
    if platform == "ebay":
        return str(120000000000 + rng.below(99999999999))
    return str(1005000000000000 + rng.below(9999999999999))


def listing_url(platform, pid):
    return {
        "taobao": "https://item.taobao.com/item.htm?id=%s",
        "tmall": "https://detail.tmall.com/item.htm?id=%s",
        "jd": "https://item.jd.com/%s.html",
        "pinduoduo": "https://mobile.yangkeduo.com/goods.html?goods_id=%s",
        "amazon": "https://www.amazon.com/dp/%s",
        "ebay": "https://www.ebay.com/itm/%s",
        "aliexpress": "https://www.aliexpress.com/item/%s.html",
    }[platform] % pid


def round_price(value, currency):
    if currency == "USD":
        return round(max(value, 0.99) - 0.01, 2) if value >= 5 else round(max(value, 0.99), 2)
    if value >= 100:
        return float(int(value) // 10 * 10 + 9)
    return round(max(value, 1.0), 1)


def build_listings(rng, rights):
    by_id = {r["id"]: r for r in rights}
    listings, labels = [], []
    used_ids = set()
    base_time = 1714521600  # 2024-05-01T00:00:00Z

    def new_id(platform):
        while True:
            pid = platform_id(rng, platform)
            lid = "%s-%s" % (platform, pid)
            if lid not in used_ids:
                used_ids.add(lid)
                return lid, pid

    def observed():
        seconds = base_time + rng.below(61 * 86400)
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def sentences(pool, low=1, high=3):
        count = low + rng.below(high - low + 1)
        chosen = []
        while len(chosen) < count:
            sentence = rng.pick(pool)
            if sentence not in chosen:
                chosen.append(sentence)
        return " ".join(chosen) if pool[0].isascii() else "".join(chosen)

    def seller(platform, name, regions):
        # The id and region follow from the name, so a shop keeps both across its listings.
        digest = hashlib.sha256(("%s|%s" % (platform, name)).encode()).hexdigest()[:8]
        return {"id": "%s-s-%s" % (platform, digest), "name": name, "region": regions[int(digest, 16) % len(regions)]}

    def emit(platform, title, description, price, currency, seller_obj, category, label, right_id, images=None):
        lid, pid = new_id(platform)
        listing = {
            "id": lid, "platform": platform, "url": listing_url(platform, pid), "title": title,
            "description": description, "price": price, "currency": currency, "seller": seller_obj,
            "images": images if images is not None else [
                "https://images.example.com/%s/%s/%d.jpg" % (platform, pid, n) for n in range(1, 2 + rng.below(3))],
            "category": category, "observed_at": observed(),
        }
        listings.append(listing)
        labels.append((lid, label, right_id or ""))

    catalogue_ids = sorted(CATALOGUE)
    catalogue_products = [(rid, product) for rid in catalogue_ids for product in CATALOGUE[rid][2]]
    # The Chinese right of a brand, when the portfolio has one, labels listings that name the brand in Chinese.
    zh_right = {r["name"]: r["id"] for r in rights if r["id"].startswith("TM-ZH-")}

    def genuine():
        rid = rng.pick(catalogue_ids)
        en, zh, products = CATALOGUE[rid]
        category, en_product, zh_product, price_cny = rng.pick(products)
        cn = en is None or rng.chance(0.6)
        platform = rng.pick(CN_PLATFORMS) if cn else rng.pick(INTL_PLATFORMS)
        if cn:
            brand = zh if en is None else rng.pick([en, zh, "%s %s" % (en, zh), "%s/%s" % (en, zh)])
            title = rng.pick(["%s %s", "【官方正品】%s %s", "%s %s 官方正品", "%s %s 新款"]) % (brand, zh_product)
            currency, price = "CNY", round_price(price_cny * rng.uniform(0.85, 1.05), "CNY")
            store = GENUINE_STORES[platform].format(zh=zh, en=en or zh, en_slug=(en or zh).lower())
            regions = CN_REGIONS
            description = sentences(GENUINE_DESCRIPTIONS_ZH)
        else:
            brand = en
            title = rng.pick(["%s %s", "%s %s - Official", "Genuine %s %s"]) % (brand, en_product)
            currency, price = "USD", round_price(price_cny / 7.2 * rng.uniform(0.85, 1.05), "USD")
            store = GENUINE_STORES[platform].format(zh=zh, en=en, en_slug=re.sub(r"\W+", "-", en.lower()))
            regions = ["US", "GB", "DE", "HK"]
            description = sentences(GENUINE_DESCRIPTIONS_EN)
        label_id = rid
        if en is not None and cn and brand == zh:
            label_id = zh_right.get(zh, rid)
        emit(platform, title, description, price, currency, seller(platform, store, regions), category, "genuine",
             label_id)

    def generic():
        category, en_title, zh_title, (low, high) = rng.pick(GENERIC)
        cn = rng.chance(0.6)
        platform = rng.pick(CN_PLATFORMS) if cn else rng.pick(INTL_PLATFORMS)
        if cn:
            title, currency = zh_title, "CNY"
            price = round_price(rng.uniform(low, high), "CNY")
            store = rng.pick(SMALL_SHOPS[GROUP_OF[category]][0]) + str(1 + rng.below(40))
            description = sentences(GENERIC_DESCRIPTIONS_ZH)
            regions = CN_REGIONS
        else:
            title, currency = en_title, "USD"
            price = round_price(rng.uniform(low, high) / 7.2, "USD")
            store = rng.pick(SMALL_SHOPS[GROUP_OF[category]][1]) + str(1 + rng.below(40))
            description = sentences(GENERIC_DESCRIPTIONS_EN)
            regions = INTL_REGIONS
        emit(platform, title, description, price, currency, seller(platform, store, regions), category, "generic",
             None)

    def suspicious(offender):
        if offender is not None:
            rid, product = rng.pick([pair for pair in catalogue_products if pair[1][0] in offender[4]])
        else:
            rid, product = rng.pick(catalogue_products)
        en, zh, _ = CATALOGUE[rid]
        category, en_product, zh_product, price_cny = product
        latin_variants = LATIN_KNOCKOFFS.get(rid, [])
        zh_rid = rid if rid.startswith("TM-ZH-") else zh_right.get(zh)
        zh_variants = CHINESE_KNOCKOFFS.get(zh_rid, []) if zh_rid else []
        if offender is not None:
            platform, sid, sname, region, _ = offender
            seller_obj = {"id": sid, "name": sname, "region": region}
        else:
            platform = rng.pick(CN_PLATFORMS + INTL_PLATFORMS)
            zh_names, en_names = SHADY_NAMES[GROUP_OF[category]]
            if platform in CN_PLATFORMS:
                name = rng.pick(zh_names) + str(1 + rng.below(99))
                seller_obj = seller(platform, name, CN_REGIONS)
            else:
                name = rng.pick(en_names) + str(1 + rng.below(999))
                seller_obj = seller(platform, name, INTL_REGIONS)
        cn = platform in CN_PLATFORMS
        style = rng.weighted([("variant", 5), ("vocab", 3), ("long_title", 2)])
        if style == "variant" and (latin_variants or zh_variants):
            pool = (zh_variants + latin_variants) if cn else (latin_variants or zh_variants)
            brand = rng.pick(pool)
        else:
            if cn:
                # A Chinese name the portfolio does not protect would be a mention no search can find.
                use_zh = en is None or (zh in zh_right and rng.chance(0.5))
                brand = zh if use_zh else en.upper()
            else:
                brand = en.upper() if en is not None else zh
        if cn:
            vocab = rng.pick(VOCAB_ZH)
            if style == "long_title":
                tail = "男女同款 潮流百搭 包邮" if GROUP_OF[category] == "fashion" else "热销爆款 限时特价 包邮"
                title = "2024新款 %s %s %s" % (brand, zh_product, tail)
            elif style == "vocab" or rng.chance(0.5):
                title = rng.pick(["%s %s %s", "%s%s %s", "【%s】%s %s"]) % (vocab, brand, zh_product)
            else:
                title = "%s %s" % (brand, zh_product)
            currency = "CNY"
            factor = rng.uniform(0.35, 0.6) if style == "long_title" else rng.uniform(0.04, 0.3)
            price = round_price(price_cny * factor, "CNY")
            description = sentences(BAD_DESCRIPTIONS_ZH)
        else:
            vocab = rng.pick(VOCAB_EN)
            if style == "long_title":
                tail = "men women unisex trendy" if GROUP_OF[category] == "fashion" else "hot sale limited offer"
                title = "2024 new %s %s %s fast shipping" % (brand, en_product, tail)
            elif style == "vocab" or rng.chance(0.5):
                title = rng.pick(["%s %s %s", "%s %s %s quality", "[%s] %s %s"]) % (vocab, brand, en_product)
            else:
                title = "%s %s" % (brand, en_product)
            currency = "USD"
            factor = rng.uniform(0.35, 0.6) if style == "long_title" else rng.uniform(0.04, 0.3)
            price = round_price(price_cny / 7.2 * factor, "USD")
            description = sentences(BAD_DESCRIPTIONS_EN)
        label_id = rid
        if zh_rid and any("\u3400" <= ch <= "\u9fff" for ch in brand):
            label_id = zh_rid
        emit(platform, title, description, price, currency, seller_obj, category, "suspicious", label_id)

    total = 1500
    for index in range(total):
        roll = rng.uniform(0.0, 1.0)
        if roll < 0.45:
            genuine()
        elif roll < 0.70:
            generic()
        else:
            offender = rng.pick(REPEAT_OFFENDERS) if rng.chance(0.45) else None
            suspicious(offender)

    assert all(listing["category"] in CATEGORIES for listing in listings), "unknown category"
    # A copy of the registered folding-chair design, sold with the design's own picture.
    for platform, title, price in [("pinduoduo", "户外折叠椅 便携露营椅 钓鱼凳 同款", 45.0),
                                    ("aliexpress", "Folding camping chair portable outdoor fishing seat", 8.99)]:
        name = "户外用品批发" if platform == "pinduoduo" else "outdoor-wholesale"
        emit(platform, title, "Same design, lower price." if platform == "aliexpress" else "同款设计，价格更低。",
             price, "CNY" if platform == "pinduoduo" else "USD", seller(platform, name, ["CN-ZJ"]), "household",
             "suspicious", "DS-0001", images=["images/design-folding-chair.png"])
    return listings, labels


def copied_text_listings(out_dir):
    """Two listings whose descriptions copy passages of the text work CR-0003 (works/longjing-brewing-handbook.txt,
    written by hand for Custos): an e-book seller's sample chapter and a tea shop's brewing instructions."""
    with open(os.path.join(out_dir, "works", "longjing-brewing-handbook.txt"), encoding="utf-8") as handbook:
        paragraphs = [" ".join(block.split()) for block in handbook.read().split("\n\n")]
    ebook = {"id": "taobao-760128455120", "platform": "taobao",
             "url": "https://item.taobao.com/item.htm?id=760128455120",
             "title": "The Longjing Brewing Handbook 龙井冲泡手册 电子版 PDF 高清全本 秒发",
             "description": "高清电子版，拍下自动发货。样章： " + paragraphs[1] + " " + paragraphs[2],
             "price": 9.9, "currency": "CNY",
             "seller": {"id": "tb-s-5520871", "name": "书香电子书小铺", "region": "CN-ZJ"},
             "images": ["https://images.example.com/taobao/760128455120/1.jpg"], "category": "tea",
             "observed_at": "2024-06-14T10:12:00Z"}
    shop = {"id": "amazon-B0CLJ7TEA9", "platform": "amazon", "url": "https://www.amazon.com/dp/B0CLJ7TEA9",
            "title": "West Lake Longjing Dragon Well Green Tea 250g, Spring Harvest, Loose Leaf",
            "description": "How to brew: " + paragraphs[3] + " " + paragraphs[4] + " Ships in a sealed bag.",
            "price": 24.99, "currency": "USD",
            "seller": {"id": "amz-s-A2LJTEA88", "name": "Dragon Well Direct", "region": "US-CA"},
            "images": ["https://images.example.com/amazon/B0CLJ7TEA9/1.jpg"], "category": "tea",
            "observed_at": "2024-06-15T08:40:00Z"}
    listings = [ebook, shop]
    return listings, [(listing["id"], "suspicious", "CR-0003") for listing in listings]


def write_labels(path, labels):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("listing_id,label,right_id\n")
        for lid, label, rid in labels:
            out.write("%s,%s,%s\n" % (lid, label, rid))


def build_category_prices():
    """One row per owner, category and currency: the (lower) median catalogue price, in CNY and in USD."""
    by_key = {}
    owners = {r["id"]: r["owner"] for r in parse_trademarks()}
    owners.update({r["id"]: r["owner"] for r in OTHER_RIGHTS})
    for rid, (_, _, products) in CATALOGUE.items():
        owner = OWNERS[owners[rid]]
        for category, _, _, price in products:
            by_key.setdefault((owner, category), []).append(price)
    rows = []
    for (owner, category) in sorted(by_key):
        prices = sorted(by_key[(owner, category)])
        median = prices[(len(prices) - 1) // 2]  # the lower median: a conservative reference
        rows.append((owner, category, fmt_price(median), "CNY"))
        rows.append((owner, category, fmt_price(round(median / 7.2, 2)), "USD"))
    return rows


def fmt_price(value):
    return ("%d" % value) if float(value).is_integer() else ("%.2f" % value).rstrip("0").rstrip(".")


def write_category_prices(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("owner,category,reference_price,currency\n")
        for row in rows:
            out.write(",".join(csv_field(v) for v in row) + "\n")


def write_png(path, width, height, pixel):
    """Writes an 8-bit greyscale PNG; pixel(x, y) returns 0…255."""
    raw = b"".join(b"\x00" + bytes(pixel(x, y) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


def folding_chair(x, y):
    """A line drawing of a folding chair: seat, back and crossed legs, dark on white."""
    def near(x0, y0, x1, y1, width=2.5):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / float(dx * dx + dy * dy)))
        px, py = x0 + t * dx, y0 + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= width * width
    strokes = [(40, 30, 40, 120), (40, 120, 100, 120), (44, 40, 96, 40), (44, 60, 96, 60), (44, 80, 96, 80),
               (40, 120, 100, 210), (100, 120, 40, 210), (100, 120, 100, 60), (30, 210, 110, 210)]
    return 20 if any(near(*s) for s in strokes) else 245


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "Sources", "CustosSamples", "Resources")
    os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
    rng = SplitMix64(SEED)
    rights = build_portfolio(rng)
    evaluation = build_evaluation(rights)
    check_negatives(evaluation, rights)
    listings, labels = build_listings(SplitMix64(SEED + 1), rights)
    copied, copied_labels = copied_text_listings(out_dir)
    listings += copied
    labels += copied_labels
    write_portfolio(os.path.join(out_dir, "portfolio.csv"), rights)
    write_jsonl(os.path.join(out_dir, "evaluation.jsonl"), evaluation)
    write_jsonl(os.path.join(out_dir, "listings.jsonl"), listings)
    write_labels(os.path.join(out_dir, "listing_labels.csv"), labels)
    write_category_prices(os.path.join(out_dir, "category_prices.csv"), build_category_prices())
    write_png(os.path.join(out_dir, "images", "design-folding-chair.png"), 140, 240, folding_chair)
    counts = {}
    for row in evaluation:
        counts[row["category"]] = counts.get(row["category"], 0) + 1
    kinds = {}
    for right in rights:
        kinds[right["kind"]] = kinds.get(right["kind"], 0) + 1
    label_counts = {}
    for _, label, _ in labels:
        label_counts[label] = label_counts.get(label, 0) + 1
    print("rights:", len(rights), kinds)
    print("evaluation:", len(evaluation), counts)
    print("listings:", len(listings), label_counts)


if __name__ == "__main__":
    main()

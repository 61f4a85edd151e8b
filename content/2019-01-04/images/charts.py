#!/usr/bin/python3
"""Draws the charts of the edition of 2019-01-04 from the figures its
articles give (PIL and the Noto Sans CJK faces of fonts-noto-cjk):
    /usr/bin/python3 charts.py    # in this folder; writes chart-*.png
Each is drawn in the proportions of the box its article gives it (columns
by lines), so that none is cropped.
"""
from PIL import Image, ImageDraw, ImageFont

FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'
INDEX = 2  # the SC face of the collections
RED, BLUE, GREY = (200, 16, 46), (58, 95, 138), (150, 150, 150)


def font(size, bold=False):
    return ImageFont.truetype(BOLD if bold else FONT, size, index=INDEX)


def bars(name, title, unit, data, size=(2400, 1500), horizontal=True, first=RED):
    """Bars for (label, value) pairs, the first in red, the value at each bar's end."""
    w, h = size
    im = Image.new('RGB', size, 'white')
    d = ImageDraw.Draw(im)
    d.text((60, 40), title, font=font(64, True), fill='black')
    d.text((60, 130), unit, font=font(40), fill=GREY)
    top, label_w = 230, 420
    peak = max(v for _, v in data)
    if horizontal:
        step = (h - top - 40) / len(data)
        span = w - label_w - 260
        for i, (label, v) in enumerate(data):
            y = top + i * step
            d.text((60, y + step * 0.2), label, font=font(48), fill='black')
            d.rectangle([label_w, y + step * 0.15, label_w + span * v / peak, y + step * 0.85],
                        fill=first if i == 0 else BLUE)
            d.text((label_w + span * v / peak + 20, y + step * 0.2), '%g' % v, font=font(48), fill='black')
        d.line([label_w, top, label_w, h - 40], fill='black', width=4)
    else:
        base = h - 140
        step = (w - 160) / len(data)
        for i, (label, v) in enumerate(data):
            x = 100 + i * step
            top_y = base - (base - top - 80) * v / peak
            d.rectangle([x + step * 0.18, top_y, x + step * 0.82, base],
                        fill=first if i == len(data) - 1 else BLUE)
            d.text((x + step * 0.5, top_y - 20), '%g' % v, font=font(48), fill='black', anchor='md')
            d.text((x + step * 0.5, base + 30), label, font=font(44), fill='black', anchor='ma')
        d.line([80, base, w - 60, base], fill='black', width=4)
    im.save(name, optimize=True)


bars('chart-projects.png', '2018年市重点项目完成投资', '按领域，单位：亿元',
     [('先进制造业', 186.4), ('交通基础设施', 108.6), ('现代服务业', 97.2), ('城市建设', 79.5),
      ('能源和水利', 52.3), ('现代农业', 35.8), ('社会事业', 31.7), ('生态环保', 20.5)])
bars('chart-river.png', '石淙河沿河村庄生活污水处理率', '单位：%',
     [('2016年', 35), ('2017年', 61), ('2018年', 82)], size=(2000, 1500), horizontal=False)
bars('chart-travel.png', '历年春运全市旅客发送量', '单位：万人次（2019年为预计）',
     [('2015年', 352), ('2016年', 367), ('2017年', 381), ('2018年', 393), ('2019年', 410)],
     size=(2400, 2010), horizontal=False)

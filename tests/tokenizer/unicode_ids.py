# -*- coding: utf-8 -*-
café = 1
naïve = café + 1
ǅ = 2
µ = 3
ﬁ = 4
𝔘𝔫𝔦𝔠𝔬𝔡𝔢 = "fraktur"
变量 = '中文'
x = 'ü' + "ö"  # comment with ünïcödé
_ü_ = [µ, ǅ]
def 函数(参数):
    return 参数

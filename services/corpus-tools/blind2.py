"""Writes corpus/blind2.jsonl: a second blind set, written after all tuning of the data files and the engine and
run once before any change; its pass rate before and after the construction fixes it led to is in
docs/assistant.md. Its phrasings are not in the data files, the example banks or the other corpus files."""
import os
from paths import line

C = []
def c(*a, **k):
    C.append(line(*a, **k))

OPEN_W = {"W_D": 50, "W_P": 50, "W_RL": 50, "W_RR": 50}
CLOSED_W = {"W_D": 0, "W_P": 0, "W_RL": 0, "W_RR": 0}
LOCKS = {"LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True}
MH = {"MH_D": True, "MH_P": True}
MF = {"MF_D": True, "MF_P": True}

c("b2-en-01", "it's really stuffy back here", {"RECIRC": True}, {"RECIRC": False})
c("b2-en-02", "close the windows and turn on the AC", dict(OPEN_W, AC=False), dict(CLOSED_W, AC=True))
c("b2-en-03", "I'm shivering", {"T_D": 21}, {"T_D": 22.0})
c("b2-en-04", "can you crack the sunroof", {"SUN": 0}, {"SUN": 10})
c("b2-en-05", "draw the sun blind shut", {"SHADE": 100}, {"SHADE": 0})
c("b2-en-06", "make sure the doors are locked", {}, LOCKS)
c("b2-en-07", "pop the hatch open for me", {"SPEED": 0, "TRUNK_LOCK": False}, {"TRUNK": True}, confirm=True)
c("b2-en-08", "switch off the cabin light", {"DOME": True}, {"DOME": False})
c("b2-en-09", "make the ambient lighting brighter", {"AMB": 40}, {"AMB": 60})
c("b2-en-10", "the side mirrors are covered in frost", {}, MH)
c("b2-en-11", "fold in the mirrors", {}, MF)
c("b2-en-12", "turn the tunes up a notch", {"VOL": 30}, {"VOL": 40})
c("b2-en-13", "it's pouring, wipers on full", {"WIPER": "OFF"}, {"WIPER": "FAST"})
c("b2-en-14", "defog the back window", {}, {"DEF_R": True})
c("b2-en-15", "warm up my seat and the passenger's too", {"SH_D": 0, "SH_P": 0}, {"SH_D": 50, "SH_P": 50})
c("b2-en-16", "set the fan to 40 percent", {"FAN_D": 70}, {"FAN_D": 40}, session="b2-en-s1")
c("b2-en-17", "a little stronger", {"FAN_D": 40}, {"FAN_D": 50}, session="b2-en-s1")
c("b2-en-18", "open the driver window all the way", {"SPEED": 120, "W_D": 0}, {"W_D": 100}, outcome="refused")
c("b2-en-19", "order me a pizza", {})
c("b2-en-20", "switch that off", {}, None, clarify=True)
c("b2-zh-01", "后排闷死了", {"RECIRC": True}, {"RECIRC": False})
c("b2-zh-02", "关上车窗再把空调打开", dict(OPEN_W, AC=False), dict(CLOSED_W, AC=True))
c("b2-zh-03", "我冷得发抖", {"T_D": 21}, {"T_D": 22.0})
c("b2-zh-04", "天窗开条缝", {"SUN": 0}, {"SUN": 10})
c("b2-zh-05", "把遮阳帘收起来", {"SHADE": 0}, {"SHADE": 100})
c("b2-zh-06", "把车门全锁了", {}, LOCKS)
c("b2-zh-07", "帮我开一下后备箱", {"SPEED": 0, "TRUNK_LOCK": False}, {"TRUNK": True}, confirm=True)
c("b2-zh-08", "车顶的灯关了吧", {"DOME": True}, {"DOME": False})
c("b2-zh-09", "氛围灯亮一点", {"AMB": 40}, {"AMB": 50})
c("b2-zh-10", "后视镜结冰了", {}, MH)
c("b2-zh-11", "把两边镜子折起来", {}, MF)
c("b2-zh-12", "歌声音开大点", {"VOL": 30}, {"VOL": 40})
c("b2-zh-13", "雨好大，雨刮开最快", {"WIPER": "OFF"}, {"WIPER": "FAST"})
c("b2-zh-14", "后挡风玻璃有雾", {}, {"DEF_R": True})
c("b2-zh-15", "主驾和副驾座椅加热都打开", {"SH_D": 0, "SH_P": 0}, {"SH_D": 50, "SH_P": 50})
c("b2-zh-16", "风量调到百分之四十", {"FAN_D": 70}, {"FAN_D": 40}, session="b2-zh-s1")
c("b2-zh-17", "风再猛一点", {"FAN_D": 40}, {"FAN_D": 50}, session="b2-zh-s1")
c("b2-zh-18", "把主驾车窗全打开", {"SPEED": 120, "W_D": 0}, {"W_D": 100}, outcome="refused")
c("b2-zh-19", "帮我订个餐厅", {})
c("b2-zh-20", "把那个关了", {}, None, clarify=True)

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus", "blind2.jsonl")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(C) + "\n")
print(len(C), "cases")

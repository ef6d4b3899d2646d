"""Writes corpus/blind3.jsonl: a third blind set (30 English, 30 Chinese), written after all tuning of the data
files and the engine, from the catalog, the policy and the format of blind2.jsonl only, and run once before any
change; its pass rate before and after the fixes it led to is in docs/assistant.md and CorpusTest.

Decisions where the product's behaviour was not written down (a demanding driver's view):
- "the windows" (English plural) opens every window; Chinese 车窗 alone is the driver's window (as documented).
- "it's dark in the cabin" / "车里太暗了" turns on the dome light, the one light that lights the cabin.
- a correction in the same sentence ("not the sunroof, open the sunshade", "不要开空调，…") does only what is
  left once the negated part is dropped; a follow-up "actually make that 20" replaces the last set-point.
- the massage and chit-chat are not understood (no such signal; nothing to do)."""
import os
from paths import line

C = []
def c(*a, **k):
    C.append(line(*a, **k))

LOCKS = {"LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True}
CHILD = {"CL_RL": True, "CL_RR": True}
MH = {"MH_D": True, "MH_P": True}
SHUT_W = {"W_D": 0, "W_P": 0, "W_RL": 0, "W_RR": 0}

c("b3-en-01", "ugh, it's boiling in here", {"T_D": 24}, {"T_D": 23.0})
c("b3-en-02", "the windscreen is all fogged up", {"SPEED": 50, "DEF_F": False}, {"DEF_F": True})
c("b3-en-03", "could you maybe turn the temperature down two degrees", {"T_D": 23}, {"T_D": 21.0})
c("b3-en-04", "set passenger side to 20°C", {"T_P": 22}, {"T_P": 20.0})
c("b3-en-05", "set it to 70°F please", {"T_D": 22}, {"T_D": 21.0})
c("b3-en-06", "open the rear windows halfway", {"W_RL": 0, "W_RR": 0}, {"W_RL": 50, "W_RR": 50})
c("b3-en-07", "just crack my window", {"W_D": 0}, {"W_D": 10})
c("b3-en-08", "a bit warmer on the passenger side", {"T_P": 21}, {"T_P": 22.0})
c("b3-en-09", "uh, turn on the rear left seat heater", {"SH_RL": 0}, {"SH_RL": 50})
c("b3-en-10", "close the sunroof and then turn on the AC", {"SUN": 30, "AC": False}, {"SUN": 0, "AC": True})
c("b3-en-11", "lower the fan and also point the air at my feet", {"FAN_D": 60, "AIRDIST": "UP"},
  {"FAN_D": 40, "AIRDIST": "DOWN"})
c("b3-en-12", "not the sunroof, open the sunshade", {"SUN": 0, "SHADE": 0}, {"SHADE": 100})
c("b3-en-13", "don't turn on the AC, just open the windows a little", dict(SHUT_W, AC=False),
  {"W_D": 10, "W_P": 10, "W_RL": 10, "W_RR": 10})
c("b3-en-14", "the screen is too bright, it's blinding me", {"BRIGHT": 80}, {"BRIGHT": 60})
c("b3-en-15", "the music is too loud", {"VOL": 50}, {"VOL": 30})
c("b3-en-16", "it's really dark in the cabin", {"DOME": False}, {"DOME": True})
c("b3-en-17", "crank it to 30 degrees on my side", {"T_D": 22}, {"T_D": 30.0}, outcome="refused")
c("b3-en-18", "pop the trunk please", {"SPEED": 60}, {"TRUNK": True}, outcome="refused")
c("b3-en-19", "turn on the massage", {})
c("b3-en-20", "what a beautiful day", {})
c("b3-en-21", "lock the doors and turn on the child locks", {}, dict(LOCKS, **CHILD))
c("b3-en-22", "max out the blower", {"FAN_D": 40}, {"FAN_D": 100})
c("b3-en-23", "scoot my seat back a touch", {"SEATPOS": 250}, {"SEATPOS": 230}, confirm=True)
c("b3-en-24", "warm up the back seats", {"SH_RL": 0, "SH_RR": 0}, {"SH_RL": 50, "SH_RR": 50})
c("b3-en-25", "turn the temperature to 21", {"T_D": 23}, {"T_D": 21.0}, session="b3-en-s1")
c("b3-en-26", "actually make that 20", {"T_D": 21}, {"T_D": 20.0}, session="b3-en-s1")
c("b3-en-27", "it's freezing and the mirrors are iced over", {"T_D": 21}, dict({"T_D": 22.0}, **MH))
c("b3-en-28", "lower the tempreture a bit", {"T_D": 22}, {"T_D": 21.0})
c("b3-en-29", "turn of the rear defroster", {"DEF_R": True}, {"DEF_R": False})
c("b3-en-30", "pls put the volume at 35%", {"VOL": 40}, {"VOL": 35})

c("b3-zh-01", "好热啊", {"T_D": 24}, {"T_D": 23.0})
c("b3-zh-02", "前挡全是雾，看不清路", {"SPEED": 50, "DEF_F": False}, {"DEF_F": True})
c("b3-zh-03", "帮我把温度调到二十二度", {"T_D": 25}, {"T_D": 22.0})
c("b3-zh-04", "副驾温度调低两度", {"T_P": 23}, {"T_P": 21.0})
c("b3-zh-05", "空调调到二十二度半", {"T_D": 21}, {"T_D": 22.5})
c("b3-zh-06", "把后排车窗开一半", {"W_RL": 0, "W_RR": 0}, {"W_RL": 50, "W_RR": 50})
c("b3-zh-07", "主驾车窗开条小缝", {"W_D": 0}, {"W_D": 10})
c("b3-zh-08", "稍微暖和一点", {"T_D": 21}, {"T_D": 22.0})
c("b3-zh-09", "给我开一下座椅通风", {"SV_D": 0}, {"SV_D": 50})
c("b3-zh-10", "关掉天窗，然后把空调打开", {"SUN": 30, "AC": False}, {"SUN": 0, "AC": True})
c("b3-zh-11", "风小一点，再把风吹到脚下", {"FAN_D": 60, "AIRDIST": "UP"}, {"FAN_D": 50, "AIRDIST": "DOWN"})
c("b3-zh-12", "不是天窗，是遮阳帘，打开", {"SUN": 0, "SHADE": 0}, {"SHADE": 100})
c("b3-zh-13", "不要开空调，把车窗打开一点", {"W_D": 0, "AC": False}, {"W_D": 10})
c("b3-zh-14", "屏幕太亮了，晃眼睛", {"BRIGHT": 80}, {"BRIGHT": 60})
c("b3-zh-15", "太吵了，声音小点", {"VOL": 50}, {"VOL": 40})
c("b3-zh-16", "车里太暗了", {"DOME": False}, {"DOME": True})
c("b3-zh-17", "把副驾温度调到三十五度", {"T_P": 22}, {"T_P": 35.0}, outcome="refused")
c("b3-zh-18", "帮我把后备箱打开", {"SPEED": 50}, {"TRUNK": True}, outcome="refused")
c("b3-zh-19", "打开按摩功能", {})
c("b3-zh-20", "今天天气真不错啊", {})
c("b3-zh-21", "四个门都锁上，顺便把儿童锁打开", {}, dict(LOCKS, **CHILD))
c("b3-zh-22", "把风开到最大档", {"FAN_D": 40}, {"FAN_D": 100})
c("b3-zh-23", "驾驶座往前移五厘米", {"SEATPOS": 250}, {"SEATPOS": 300}, confirm=True)
c("b3-zh-24", "温度设成二十一度", {"T_D": 23}, {"T_D": 21.0}, session="b3-zh-s1")
c("b3-zh-25", "还是二十度吧", {"T_D": 21}, {"T_D": 20.0}, session="b3-zh-s1")
c("b3-zh-26", "冷死了，后视镜也结霜了", {"T_D": 21}, dict({"T_D": 22.0}, **MH))
c("b3-zh-27", "麻烦把后除霜关掉", {"DEF_R": True}, {"DEF_R": False})
c("b3-zh-28", "音量调到百分之二十五", {"VOL": 40}, {"VOL": 25})
c("b3-zh-29", "右后车窗给我关上", {"W_RR": 40}, {"W_RR": 0})
c("b3-zh-30", "嗯…那个，把空调温度调高一点点", {"T_D": 22}, {"T_D": 23.0})

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus", "blind3.jsonl")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(C) + "\n")
print(len(C), "cases")

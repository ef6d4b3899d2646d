"""Writes corpus/blind.jsonl: written after all tuning of the data files and the engine, run once, and reported
as it came out. Like heldout.jsonl, never tune anything on these phrasings."""
import os
from paths import line

C = []
def c(*a, **k):
    C.append(line(*a, **k))

c("b-en-01", "could you warm things up by two degrees", {"T_D": 20}, {"T_D": 22.0})
c("b-en-02", "brrr it's frosty in here", {"T_D": 19}, {"T_D": 20.0})
c("b-en-03", "I'm baking, turn the AC on", {"T_D": 24, "AC": False}, {"T_D": 23.0, "AC": True})
c("b-en-04", "front passenger wants 25 degrees", {"T_P": 21}, {"T_P": 25.0})
c("b-en-05", "switch off the heated seat on the passenger side", {"SH_P": 50}, {"SH_P": 0})
c("b-en-06", "open the back windows a little", {"W_RL": 0, "W_RR": 0}, {"W_RL": 10, "W_RR": 10})
c("b-en-07", "close up the sunroof", {"SUN": 60}, {"SUN": 0})
c("b-en-08", "please lock all the doors", {}, {"LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True})
c("b-en-09", "open the tailgate", {"SPEED": 0, "TRUNK_LOCK": False}, {"TRUNK": True}, confirm=True)  # a locked trunk stays shut (ECU)
c("b-en-10", "the music is blaring", {"VOL": 70}, {"VOL": 50})
c("b-en-11", "switch over to FM radio", {"SRC": "USB"}, {"SRC": "FM"})
c("b-en-12", "put the wipers on intermittent", {"WIPER": "OFF"}, {"WIPER": "INTERVAL"})
c("b-en-13", "turn the fan down to 20 percent", {"FAN_D": 60}, {"FAN_D": 20})
c("b-en-14", "sixty five fahrenheit please", {"T_D": 22}, {"T_D": 18.5})
c("b-en-15", "fold the side mirrors and lock the car", {}, {"MF_D": True, "MF_P": True, "LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True})
c("b-en-16", "turn on the rear window defroster", {}, {"DEF_R": True})
c("b-en-17", "what song is this", {})
c("b-en-18", "how long until we get there", {})
c("b-en-19", "wxyz plokm", {})
c("b-en-20", "set the rear right seat heater to max", {"SH_RR": 0}, {"SH_RR": 100})
c("b-zh-01", "温度调高三度", {"T_D": 20}, {"T_D": 23.0})
c("b-zh-02", "我冻得不行了", {"T_D": 19}, {"T_D": 20.0})
c("b-zh-03", "太热了，把空调打开", {"T_D": 25, "AC": False}, {"T_D": 24.0, "AC": True})
c("b-zh-04", "副驾要二十五度", {"T_P": 21}, {"T_P": 25.0})
c("b-zh-05", "关掉副驾的座椅加热", {"SH_P": 50}, {"SH_P": 0})
c("b-zh-06", "后排车窗打开一点", {"W_RL": 0, "W_RR": 0}, {"W_RL": 10, "W_RR": 10})
c("b-zh-07", "把天窗关上", {"SUN": 60}, {"SUN": 0})
c("b-zh-08", "请把所有车门锁上", {}, {"LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True})
c("b-zh-09", "打开后尾门", {"SPEED": 0, "TRUNK_LOCK": False}, {"TRUNK": True}, confirm=True)
c("b-zh-10", "音乐声音太响了", {"VOL": 70}, {"VOL": 50})
c("b-zh-11", "切换到FM电台", {"SRC": "USB"}, {"SRC": "FM"})
c("b-zh-12", "雨刷调成间歇模式", {"WIPER": "OFF"}, {"WIPER": "INTERVAL"})
c("b-zh-13", "风量调低到百分之二十", {"FAN_D": 60}, {"FAN_D": 20})
c("b-zh-14", "温度设成华氏65度", {"T_D": 22}, {"T_D": 18.5})
c("b-zh-15", "折叠后视镜并锁车", {}, {"MF_D": True, "MF_P": True, "LK_D": True, "LK_P": True, "LK_RL": True, "LK_RR": True})
c("b-zh-16", "打开后窗除雾", {}, {"DEF_R": True})
c("b-zh-17", "这首歌叫什么", {})
c("b-zh-18", "还要多久到", {})
c("b-zh-19", "嘎嘎嘎嘎", {})
c("b-zh-20", "右后座椅加热开到最大", {"SH_RR": 0}, {"SH_RR": 100})

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus", "blind.jsonl")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(C) + "\n")
print(len(C), "cases")

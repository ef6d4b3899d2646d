"""Writes corpus/blind3b.jsonl: 15 cases (8 English, 7 Chinese) written after the fixes that blind3's misses led
to, without running them first, to check that those fixes generalise; their first-run pass rate is recorded in
CorpusTest and docs/assistant.md. Same conventions as blind3.py."""
import os
from paths import line

C = []
def c(*a, **k):
    C.append(line(*a, **k))

c("b3b-en-01", "it's kinda chilly back here", {"T_RL": 21, "T_RR": 21}, {"T_RL": 22.0, "T_RR": 22.0})
c("b3b-en-02", "I'm not hot, just turn the fan down a notch", {"FAN_D": 50}, {"FAN_D": 40})
c("b3b-en-03", "set the drivers side to sixty eight fahrenheit", {"T_D": 22}, {"T_D": 20.0})
c("b3b-en-04", "roll the passenger window down a crack", {"W_P": 0}, {"W_P": 10})
c("b3b-en-05", "switch on the defogger and the rear window heater", {"DEF_F": False, "DEF_R": False},
  {"DEF_F": True, "DEF_R": True})
c("b3b-en-06", "it's so dark I can't find my phone", {"DOME": False}, {"DOME": True})
c("b3b-en-07", "please make the temperture 21 on my side", {"T_D": 23}, {"T_D": 21.0})
c("b3b-en-08", "don't close the sunroof", {"SUN": 40})
c("b3b-zh-01", "后排有点热", {"T_RL": 24, "T_RR": 24}, {"T_RL": 23.0, "T_RR": 23.0})
c("b3b-zh-02", "副驾座椅加热调到最高", {"SH_P": 50}, {"SH_P": 100})
c("b3b-zh-03", "我不热，把风调小一点就行", {"FAN_D": 50}, {"FAN_D": 40})
c("b3b-zh-04", "主驾温度调到二十三度半", {"T_D": 22}, {"T_D": 23.5})
c("b3b-zh-05", "把天窗打开一条缝，再把遮阳帘拉开", {"SUN": 0, "SHADE": 0}, {"SUN": 10, "SHADE": 100})
c("b3b-zh-06", "车里太黑了，什么都看不见", {"DOME": False}, {"DOME": True})
c("b3b-zh-07", "把左后车窗全打开", {"SPEED": 80, "W_RL": 0}, {"W_RL": 100}, outcome="refused")

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus", "blind3b.jsonl")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(C) + "\n")
print(len(C), "cases")

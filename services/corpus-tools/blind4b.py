"""Writes corpus/blind4b.jsonl: 15 cases (8 English, 7 Chinese) written after the fixes that blind4's misses led
to, without running them first, to check that those fixes generalise; their first-run pass rate is recorded in
CorpusTest and docs/assistant.md. Same conventions as blind4.py."""
import os
from paths import line

C = []
def c(*a, **k):
    C.append(line(*a, **k))

c("b4b-en-01", "okay, enough of the seat warmer", {"SH_D": 50}, {"SH_D": 0})
c("b4b-en-02", "crank the passenger fan", {"FAN_P": 30}, {"FAN_P": 50})
c("b4b-en-03", "shall we put the windows down?", {"W_D": 0, "W_P": 0, "W_RL": 0, "W_RR": 0})
c("b4b-en-04", "is it a good idea to turn on the defroster", {"DEF_F": False})
c("b4b-en-05", "the AC is cold enough", {"AC": True})
c("b4b-en-06", "it isn't hot enough in the back", {"T_RL": 21, "T_RR": 21}, {"T_RL": 22.0, "T_RR": 22.0})
c("b4b-en-07", "the volume's not loud enough", {"VOL": 30}, {"VOL": 50})
c("b4b-en-08", "that's enough fan", {"FAN_D": 50}, {"FAN_D": 0})
c("b4b-zh-01", "后排座椅加热够了", {"SH_RL": 50, "SH_RR": 50}, {"SH_RL": 0, "SH_RR": 0})
c("b4b-zh-02", "我们该不该关窗", {"W_D": 50})
c("b4b-zh-03", "空调风够大了", {"FAN_D": 50})
c("b4b-zh-04", "副驾温度不够高", {"T_P": 21}, {"T_P": 22.0})
c("b4b-zh-05", "需不需要把天窗关上", {"SUN": 50})
c("b4b-zh-06", "要不要开座椅通风", {"SV_D": 0})
c("b4b-zh-07", "风扇够了，关掉", {"FAN_D": 50}, {"FAN_D": 0})

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus", "blind4b.jsonl")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(C) + "\n")
print(len(C), "cases")

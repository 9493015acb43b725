"""Tell Me More: a local desktop copilot for customer interviews."""

import os

__version__ = "0.1.0"
APP_NAME = "Tell Me More"

# Nothing leaves the machine. These are read by the libraries when they load, so they are set
# here, before any of them can be imported:
# - onnxruntime (loaded for the Silero VAD) sends 1DS telemetry from 1.2x on, with DNS lookups
#   of its collector and a device id under ~/.cache/Microsoft; ORT_DISABLE_TELEMETRY is the only
#   switch that stops both (onnxruntime.disable_telemetry_events() does not; measured with
#   strace, see tests/test_no_network.py).
# - huggingface_hub (under faster-whisper) never looks a model up unless the user asked for a
#   download (app.transcribe.model lifts HF_HUB_OFFLINE then) and never reports usage.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# numpy's OpenBLAS starts one thread per core at import, and its threads spin, busy, for a
# while after every matrix product: the mel spectrogram of each live decode (a small product
# every 0.6 s) kept a second core busy for nothing, 7.0 s of CPU for 3.8 s of decoding, 3.2 s
# with one thread, as fast (issue 14). Read when numpy loads, so it is set here, first.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# CTranslate2 runs the encoder's convolutions through oneDNN, which compiles a kernel for each
# input shape and caches up to 1024 of them. A live window is a new length nearly every time, so
# a call kept about 0.5 MB per decode for good: a listen process grew from 210 MB to 585 MB over
# 15 minutes of real speech (heaptrack, issue 14). Few kernels are ever reused, so the cache is
# kept small; a long file's 30 s windows, all one shape, still hit it.
os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "4")
os.environ.setdefault("DNNL_PRIMITIVE_CACHE_CAPACITY", "4")  # oneDNN before 3.0

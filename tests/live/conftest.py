from tests.model_fixture import whisper_model  # noqa: F401
from tests.pulse import pulse_server  # noqa: F401

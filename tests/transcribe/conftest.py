from tests.model_fixture import whisper_model  # noqa: F401  (session-scoped, reusable fixture)

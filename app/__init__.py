"""Tell Me More: a local desktop copilot for customer interviews."""

__version__ = "0.1.0"
APP_NAME = "Tell Me More"

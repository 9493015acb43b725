"""Audio: live capture of both sides of a call, consent-gated crash-safe recording, file playback.

No Qt here: the UI polls these objects from timers and marshals callbacks to its own thread.

Sources (same interface, `app.audio.source.AudioSource`):
- `capture.AudioCapture(mic=spec, call=spec | None, samplerate=16000, block_s=0.1, *,
  on_status=None, retry_interval_s=2.0, stall_timeout_s=2.0, device_samplerate=None)`
- `filesource.FileSource(path, *, participant=None, mono_speaker=Speaker.INTERVIEWER,
  realtime=True, speed=1.0)`
  Both: `start()`, `stop()`, `rings: Mapping[Speaker, RingBuffer]` (16 kHz mono float32;
  no PARTICIPANT key without a call source), `status() -> CaptureStatus` (`.message` for a
  banner, `.sources[speaker].state/overflows/dropped`), `clock()` (monotonic seconds),
  `set_origin(t0_mono)` / `origin` (session time 0), `finished`, `level_db(speaker)`,
  `peak(speaker)`. AudioCapture also has `reopen(speaker=None, rescan=False)` and `overflows`.

Ring buffer (`ringbuffer.RingBuffer`): `ring.reader(start=None) -> RingReader` with
`read(max_frames=None)`, `read_indexed() -> (first_index, samples)`, `available()`,
`position`, `dropped` (samples overwritten before this reader got them, never silent);
`ring.time_of(i)`, `ring.index_at(t)`, `ring.session_time_of(i)` map sample indices to
monotonic / session seconds; `ring.level_db()`, `ring.peak()` for meters.

Consumers (`pump`): `ClockReader(ring)` gives one continuous timeline per speaker (device gaps
become silence); the live transcriber reads it on its own thread
(`StreamingTranscriber.attach`): one buffer between capture and transcriber, no relay.

Devices (`devices`): `list_input_devices() -> list[DeviceInfo]` (spec, name, kind
MICROPHONE/MONITOR/LOOPBACK, index, is_default_mic, is_default_call), `default_devices()`,
`resolve_spec(spec)`, `missing_call_source_message()`, `DeviceError`. Specs: "pulse:<source>",
an index, a name substring, None for the default.

Recording (`recorder`, `recording_file`): `Recorder(source, path, consent_granted, *,
on_error=None, on_stopped=None)` with `start()` (ConsentError without consent), `stop() ->
RecordingInfo` (path, frames, duration_s, offset_s, stop_reason, error, dropped), `offset_s`,
`state`, `error`; 2-channel 16-bit 16 kHz WAV (ch1 interviewer, ch2 participant), mode 0600.
Start-up: `find_unfinished_recordings(folder) -> list[Path]`, `recover(path) ->
RecoveredRecording(path, duration_s, offset_s, info)`; also `repair_recording(path) ->
duration_s` and `delete_recording(path)`.
"""

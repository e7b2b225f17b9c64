"""Serve a GGUF model with llama.cpp's own OpenAI-compatible server (the `xllamacpp` wheel: a
prebuilt build, no compiler), as a child process of Oppi on a loopback port.

    python -m assistant.local_server MODEL.gguf --port 8089 --alias NAME [--threads 2] [--context 4096]

The API key comes from the environment (OPPI_LOCAL_SERVER_KEY), never the command line, so it is
not visible in the process list; the server refuses requests without it, so no web page the
planner opens can use the model. Runs until it is sent SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

KEY_VARIABLE = "OPPI_LOCAL_SERVER_KEY"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="path of the GGUF file")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--alias", required=True, help="model name the server answers to")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--context", type=int, default=4096)
    args = parser.parse_args(argv)
    key = os.environ.get(KEY_VARIABLE)
    if not key:
        sys.exit(f"{KEY_VARIABLE} is not set: the local server needs an API key.")

    import xllamacpp

    # Block the stop signals before the server starts its threads (they inherit the mask), so
    # the main thread receives them in sigwait and the server is shut down in order.
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.model_alias = {args.alias}
    params.hostnames = ["127.0.0.1"]
    params.port = args.port
    params.api_keys = [key]
    params.n_ctx = args.context
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.n_parallel = 2  # two chats at once share the context; continuous batching
    server = xllamacpp.Server(params)  # serves on its own threads until the process ends
    signal.sigwait(stop_signals)
    del server


if __name__ == "__main__":
    main()

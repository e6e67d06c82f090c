"""Orca, a real screen reader, under Xvfb with AT-SPI and speech-dispatcher, hears the kiosk.

The kiosk runs as installed (``python -m kiosk run``) with Qt's AT-SPI bridge on, and is driven
by real key presses (xdotool, through XTEST: the path of a physical keyboard, which Orca hears
too). What Orca says is read from its debug log (``SPEECH OUTPUT:`` lines), so every check is on
words a blind patient would hear:

- the windowed kiosk: Home is announced as it opens (its name, title and intro); a tile is spoken
  with its name as Tab reaches it; opening an answer (Enter on a tile, nothing else) makes Orca
  say its title and its first sentence, through speech-dispatcher into espeak-ng; Tab reaches a
  glossary word in the answer and Orca says it; Enter on it opens the explanation, which Orca
  reads; Escape goes back to the answer;
- the locked kiosk: the attract screen is spoken as the kiosk starts, waking it with a key speaks
  Home, and Tab then names every tile;
- in both: no container without a name is spoken (Orca said "layered pane" before the first
  tile), and the kiosk's stderr has no Qt accessibility warning.

A failure shows everything Orca said, in order.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kiosk.core.loader import load_library, pack_dir
from kiosk.core.model import Library
from kiosk.core.pin import hash_pin
from kiosk.core.render import Renderer
from tests.conftest import CONTENT
from tests.integration.a11y_session import A11ySession, Utterance, a11y_session

pytestmark = pytest.mark.slow

START_TIMEOUT = 30.0  # seconds for the kiosk's window to appear
SPEECH_TIMEOUT = 15.0  # seconds for Orca to say what an action should make it say
MAX_TABS = 30

# Every Qt message the kiosk prints, one a line, so the check below can tell its kind and source.
QT_MESSAGE_PATTERN = "QT|%{type}|%{category}|%{message}"
A11Y_MESSAGE = re.compile(r"access|atspi|qspi|_q_ensureVisible|QTextCursor|scrollTo", re.I)
# Notices Qt's AT-SPI bridge gives about Orca's requests or its own limits; they are not the
# kiosk's doing, nothing fails for the patient, and the kiosk cannot avoid them.
QT_NOTICES = {
    'Subscription string not handled: "Window:Destroy:"': "Orca subscribes to an event Qt lacks",
    'does not implement "GetApplicationBusAddress"': "Orca asks; Qt does not offer it",
    # Qt sends each key to the AT-SPI registry and waits for Orca's answer; Orca writing its
    # full debug log can answer late, and Qt then handles the key itself.
    "QSpiApplication::keyEventError": "Orca answered a key event late",
}
UNNAMED_CONTAINER = re.compile(
    r"^(layered pane|panel|filler|grouping|section|scroll pane|frame|unknown)\.?$", re.I
)


# --- What the content says, to know what Orca should say --------------------------------------


class _Text(HTMLParser):
    """The paragraphs of some HTML as plain text, and each link's text and target."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self.links: list[tuple[str, str]] = []  # (text, href)
        self._text: list[str] = []
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link, self._href = [], dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(("".join(self._link), self._href))
            self._link = None
        elif tag in ("p", "li", "h2", "h3") and "".join(self._text).strip():
            self.paragraphs.append(" ".join("".join(self._text).split()))
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._link is not None:
            self._link.append(data)


def parse(markup: str) -> _Text:
    text = _Text()
    text.feed(markup)
    return text


def first_sentence(paragraph: str) -> str:
    return re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]


@pytest.fixture(scope="module")
def content() -> Library:
    library = load_library(pack_dir(CONTENT, "en-GB"))
    assert library.pages, library.problems
    return library


# --- The desktop and the kiosk on it -----------------------------------------------------------


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[A11ySession]:
    with a11y_session(tmp_path_factory.mktemp("orca")) as session:
        yield session


class Kiosk:
    """``python -m kiosk run`` on the desktop, with Qt's accessibility bridge on."""

    def __init__(self, desktop: A11ySession, folder: Path, *args: str) -> None:
        self.desktop = desktop
        folder.mkdir(parents=True, exist_ok=True)
        env = desktop.client_env(folder)
        env.update(
            QT_QPA_PLATFORM="xcb",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_MESSAGE_PATTERN=QT_MESSAGE_PATTERN,
        )
        self.stderr_path = folder / "kiosk-stderr.txt"
        with self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "run", *args],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_window(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the kiosk exited early:\n{self.stderr()}"
            found = self.desktop.xdotool(
                "search", "--onlyvisible", "--pid", str(self.proc.pid), check=False
            ).split()
            if found:
                return int(found[0])
            time.sleep(0.1)
        raise AssertionError(f"no kiosk window within {START_TIMEOUT} s:\n{self.stderr()}")

    def qt_accessibility_warnings(self) -> list[str]:
        """Qt warnings about accessibility on stderr, less the notices in QT_NOTICES."""
        found = []
        for line in self.stderr().splitlines():
            parts = line.split("|", 3)
            if len(parts) != 4 or parts[0] != "QT" or parts[1] not in ("warning", "critical"):
                continue
            message = f"{parts[2]}: {parts[3]}"
            if A11Y_MESSAGE.search(message) and not any(n in message for n in QT_NOTICES):
                found.append(message)
        return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@pytest.fixture
def start_kiosk(desktop: A11ySession, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    started: list[Kiosk] = []

    def start(*args: str) -> Kiosk:
        kiosk = Kiosk(desktop, tmp_path / f"kiosk{len(started)}", *args)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.stop()


# --- Listening -----------------------------------------------------------------------------------


def words(heard: list[Utterance]) -> str:
    """What Orca said about the screen, as one string (key names it echoed left out)."""
    return " ".join(u.text for u in heard if u.kind != "key")


class Listener:
    """What Orca said since the test began, with the time each step took."""

    def __init__(self, desktop: A11ySession) -> None:
        self.desktop = desktop
        self.first = desktop.mark()
        self.timings: list[tuple[str, float]] = []

    def heard(self) -> list[Utterance]:
        return self.desktop.since(self.first)

    def transcript(self) -> str:
        lines = [f"  {i:3}. {u}" for i, u in enumerate(self.heard())]
        steps = [f"  {step}: {seconds:.2f} s" for step, seconds in self.timings]
        return "Orca said:\n" + "\n".join(lines) + "\nTimes:\n" + "\n".join(steps)

    def after(self, step: str, action: Callable[[], None], *expected: str) -> str:
        """Do ``action``, then wait until Orca has said every text in ``expected``; return all
        that it said meanwhile, as one string."""
        self.desktop.wait_idle()
        mark = self.desktop.mark()
        began = time.monotonic()
        action()

        def said(heard: list[Utterance]) -> bool:
            spoken = words(heard)
            return all(text in spoken for text in expected)

        heard = self.desktop.wait_for_speech(said, mark, SPEECH_TIMEOUT)
        spoken = words(heard)
        self.timings.append((step, time.monotonic() - began))
        missing = [text for text in expected if text not in spoken]
        assert not missing, (
            f"after {step}, Orca did not say {missing} within {SPEECH_TIMEOUT} s\n"
            f"{self.transcript()}"
        )
        return spoken

    def start(
        self, step: str, start_kiosk: Callable[..., Kiosk], args: tuple[str, ...], *expected: str
    ) -> Kiosk:
        """Start the kiosk, give its window the input focus (there is no window manager to do
        it) and wait until Orca has said ``expected``."""
        started: list[Kiosk] = []

        def start() -> None:
            started.append(start_kiosk(*args))
            window = started[0].wait_for_window()
            self.desktop.xdotool("windowfocus", "--sync", str(window))

        self.after(step, start, *expected)
        return started[0]

    def tab_until(self, text: str) -> str:
        """Press Tab until Orca says ``text``."""
        for presses in range(1, MAX_TABS + 1):
            self.desktop.wait_idle()
            mark = self.desktop.mark()
            self.desktop.key("Tab")
            heard = self.desktop.wait_for_speech(lambda h: bool(words(h)), mark, SPEECH_TIMEOUT)
            self.desktop.wait_quiet(0.4, SPEECH_TIMEOUT)
            spoken = words(self.desktop.since(mark))
            if text in spoken:
                return spoken
            assert heard, f"Orca said nothing after Tab {presses}\n{self.transcript()}"
        raise AssertionError(
            f"{MAX_TABS} presses of Tab never made Orca say {text!r}\n{self.transcript()}"
        )

    def assert_no_unnamed_container(self) -> None:
        unnamed = [u.text for u in self.heard() if UNNAMED_CONTAINER.match(u.text.strip())]
        assert not unnamed, f"Orca spoke containers without a name: {unnamed}\n{self.transcript()}"


def assert_clean(kiosk: Kiosk, listener: Listener) -> None:
    listener.assert_no_unnamed_container()
    warnings = kiosk.qt_accessibility_warnings()
    assert not warnings, (
        "Qt accessibility warnings on the kiosk's stderr:\n  "
        + "\n  ".join(warnings)
        + f"\n{listener.transcript()}"
    )


# --- The tests ---------------------------------------------------------------------------------


def test_orca_reads_home_an_answer_and_a_glossary_word(
    desktop: A11ySession, start_kiosk, content: Library
) -> None:
    listener = Listener(desktop)
    renderer = Renderer(content)
    page = content.questions[1]  # not the first: Tab must walk past a tile to reach it
    answer = parse(renderer.page_html(page.id))
    sentence = first_sentence(answer.paragraphs[0])
    word, href = next((text, href) for text, href in answer.links if href.startswith("glossary:"))
    entry = content.glossary.by_anchor(href.removeprefix("glossary:"))
    assert entry is not None
    explanation = first_sentence(parse(renderer.definition_html(entry)).paragraphs[0])

    title = content.info.title
    # Home is announced as it opens: its name, title and intro.
    intro = content.info.subtitle
    kiosk = listener.start(
        "the windowed kiosk starts", start_kiosk, ("--windowed",), title, "Home", intro
    )

    # Tab to the second question's tile; Orca names each tile on the way (no "layered pane").
    listener.tab_until(f"{content.questions[0].title} push button")
    for question in content.questions[1:]:
        listener.after(
            f"Tab to {question.title!r}",
            lambda: desktop.key("Tab"),
            f"{question.title} push button",
        )
        if question is page:
            break
    # Enter opens the answer, and Orca reads its title and first sentence with nothing else.
    listener.after("Enter on the tile", lambda: desktop.key("Return"), page.title, sentence)
    # Really spoken: speech-dispatcher got the words and espeak-ng made audio of them.
    assert any(sentence in said for said in desktop.speechd.wait_for(sentence)), (
        f"speech-dispatcher was not asked to say {sentence!r}: {desktop.speechd.spoken()[-5:]}"
    )
    assert desktop.speechd.samples() > 0, "espeak-ng synthesised no audio"

    # Tab reaches the first glossary word; Enter opens its explanation, which Orca reads.
    listener.after("Tab to a glossary word", lambda: desktop.key("Tab"), html.unescape(word))
    listener.after(
        "Enter on the glossary word",
        lambda: desktop.key("Return"),
        entry.term,
        explanation,
        "Close the explanation push button",
    )
    listener.after("Escape", lambda: desktop.key("Escape"), page.title)

    kiosk.stop()
    assert_clean(kiosk, listener)
    print(listener.transcript())
    print(
        f"desktop (Xvfb, D-Bus, AT-SPI, speech-dispatcher, Orca) up in {desktop.started_in:.1f} s"
    )


def write_locked_settings(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "kiosk.toml"
    config.write_text(
        "\n".join(
            (
                "fullscreen = true",
                f'staff_pin_hash = "{hash_pin("4826")}"',
                "idle_seconds = 3600",
                "warning_seconds = 30",
                f'log_dir = "{(folder / "logs").as_posix()}"',
                "",
            )
        ),
        encoding="utf-8",
    )
    return config


def test_orca_announces_the_attract_screen_the_wake_up_and_every_home_tile(
    desktop: A11ySession, start_kiosk, content: Library, tmp_path: Path
) -> None:
    listener = Listener(desktop)
    title = content.info.title
    heading = f"Touch the screen to read about {title[:1].lower()}{title[1:]}"
    config = write_locked_settings(tmp_path / "locked")
    kiosk = listener.start(
        "the locked kiosk starts on the attract screen",
        start_kiosk,
        ("--config", str(config)),
        heading,
    )
    listener.after("a key wakes it", lambda: desktop.key("space"), "Home", title)

    # Every Home tile, by name, as Tab reaches it.
    tiles = [p.title for p in (*content.questions, *content.info_pages)] + ["Words explained"]
    listener.tab_until(f"{tiles[0]} push button")
    for tile in tiles[1:]:
        listener.after(f"Tab to {tile!r}", lambda: desktop.key("Tab"), f"{tile} push button")
    kiosk.stop()
    assert_clean(kiosk, listener)
    print(listener.transcript())


def test_the_transcript_parser_reads_orca_43_debug_lines(tmp_path: Path) -> None:
    """The parser against lines in Orca 43's format, with those the runs above rarely give: a
    voice other than the default, a key's name, Read all, an utterance of two lines."""
    log = tmp_path / "orca-debug.txt"
    log.write_text(
        "20:50:03.342124 - SPEECH OUTPUT: 'What is it? push button.'{'established': False}\n"
        "20:50:03.346329 - SPEECH OUTPUT: 'Larger text' voice=uppercase{'established': False}\n"
        "20:50:05.305874 - SPEECH OUTPUT: 'tab ' {'established': False}\n"
        "20:50:19.948580 - DEFAULT SAY ALL: [text | Title] 'Last reviewed: 2026. ' "
        "(1064-1097, current: 1064)\n"
        "20:50:19.948580 - SPEECH OUTPUT: 'two\n                  lines'{}\n"
        "20:50:20.000000 - EVENT MANAGER: something else\n",
        encoding="utf-8",
    )
    session = A11ySession(tmp_path, ":0", {}, None, log)  # type: ignore[arg-type]
    assert [str(u) for u in session.utterances()] == [
        "What is it? push button.",
        "Larger text",
        "[key] tab",
        "[say all] Last reviewed: 2026. ",
        "two\nlines",
    ]

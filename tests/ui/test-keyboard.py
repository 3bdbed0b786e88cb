#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The whole app from the keyboard, checked through AT-SPI as a screen reader sees it: the real
# `sockscope` under Xvfb on a private D-Bus session (a dbus-daemon of its own, with the
# accessibility bus that at-spi-bus-launcher starts on it), a demo server from `sockscope-cli serve-demo`, and only key
# presses (XTest, through the AT-SPI registry): open the connect dialog, type the demo's URL and
# realm, connect, subscribe from the side bar and see the events counted, publish from the form
# and see it acknowledged, and close the tab (answering the unexported-log question). Mnemonics
# (Alt+letter) reach the fields: GTK 4.8 does not report the focus over AT-SPI reliably enough to
# count Tab presses. TAP output.
import os
import socket
import subprocess
import sys
import tempfile
import time

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(0)


def private_bus():
    """A D-Bus session of our own; the services it starts (the accessibility bus, the registry)
    write to /dev/null, not into our TAP output."""
    read_end, write_end = os.pipe()
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", f"--print-address={write_end}"],
                              pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as f:
        address = f.readline().strip()
    if not address:
        print("1..0 # SKIP dbus-daemon did not start")
        sys.exit(0)
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    # The accessibility bus of this session, for the app and for us alike: without this, both
    # would read the X root window's AT_SPI_BUS, which another test's session may have left.
    for _ in range(100):
        reply = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus", "--object-path",
                                "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                               capture_output=True, text=True)
        if reply.returncode == 0 and "'" in reply.stdout:
            os.environ["AT_SPI_BUS_ADDRESS"] = reply.stdout.split("'")[1]
            break
        time.sleep(0.2)
    else:
        print("1..0 # SKIP no accessibility bus (at-spi2-core)")
        daemon.kill()
        sys.exit(0)
    return daemon


bus_daemon = private_bus()

# Not fatal in this script either: on a busy machine pyatspi warns when the registry is slow to
# answer ("Error in GetItems ... /org/a11y/atspi/cache"), which says nothing about the app. GLib
# reads G_DEBUG when it is loaded, so it goes before the import.
os.environ.pop("G_DEBUG", None)

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    bus_daemon.kill()
    sys.exit(0)

DEADLINE = 30
n = 0
procs = [bus_daemon]
app_log = None


def ok(what):
    global n
    n += 1
    print(f"ok {n} - {what}", flush=True)


def fail(what, detail=""):
    global n
    n += 1
    print(f"not ok {n} - {what}")
    if os.environ.get("KEYBOARD_SHOT"):
        subprocess.run(["import", "-window", "root", os.environ["KEYBOARD_SHOT"]])
    for line in str(detail).splitlines():
        print(f"# {line}")
    if app_log and os.path.exists(app_log):
        for line in open(app_log).read().splitlines()[-20:]:
            print(f"# sockscope: {line}")
    print(f"1..{n}")
    for p in procs:
        p.kill()
    sys.exit(1)


def wait(what, cond, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            value = cond()
        except Exception:  # an accessible that went away while we looked
            value = None
        if value:
            ok(what)
            return value
        time.sleep(0.2)
    fail(what, f"waited {deadline} s in vain")


def walk(acc, depth=0):
    if acc is None or depth > 60:
        return
    yield acc
    for child in acc:
        yield from walk(child, depth + 1)


def showing(acc):
    return acc.getState().contains(pyatspi.STATE_SHOWING)


def find(root, role=None, name=None, contains=None, visible=False):
    for acc in walk(root):
        if role is not None and acc.getRoleName() != role:
            continue
        if name is not None and acc.name != name:
            continue
        if contains is not None and contains not in (acc.name or ""):
            continue
        if visible and not showing(acc):
            continue
        return acc
    return None


def focused(root):
    for acc in walk(root):
        if acc.getState().contains(pyatspi.STATE_FOCUSED):
            return acc
    return None


def self_or_ancestor(acc, test, levels=4):
    """acc, or the row or box around it (an entry row's text is inside the row), if test holds."""
    while acc is not None and levels >= 0:
        if test(acc):
            return acc
        acc = acc.parent
        levels -= 1
    return None


KEYSYMS = {"Return": 0xff0d, "Tab": 0xff09, "Control_L": 0xffe3, "Shift_L": 0xffe1, "Left": 0xff51,
           "Right": 0xff53, "Escape": 0xff1b}


MODIFIER_MASKS = {"Shift_L": 1 << 0, "Control_L": 1 << 2, "Alt_L": 1 << 3}


def key(name, *modifiers):
    mask = 0
    for m in modifiers:
        mask |= MODIFIER_MASKS[m]
    if mask:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    sym = KEYSYMS.get(name) or ord(name)
    pyatspi.Registry.generateKeyboardEvent(sym, None, pyatspi.KEY_SYM)
    if mask:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)
    time.sleep(0.15)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    time.sleep(0.3)


def tab_to(app, what, test, limit=40):
    """Presses Tab until the focused accessible passes test."""
    for _ in range(limit):
        acc = self_or_ancestor(focused(app), test)
        if acc is not None:
            ok(f"Tab reaches {what}")
            return acc
        key("Tab")
    acc = focused(app)
    anywhere = [f"{a.getRoleName()} '{a.name}' showing={showing(a)}" for a in walk(app)
                if a.getState().contains(pyatspi.STATE_FOCUSED)]
    fail(f"Tab reaches {what}", f"focus stays on {acc.getRoleName() if acc else None} {acc.name if acc else ''}; "
         f"focused anywhere: {anywhere}")


def text_of(acc):
    """The text an entry holds: the accessible's own Text, or that of the text inside it."""
    for a in walk(acc):
        try:
            t = a.queryText()
        except NotImplementedError:
            continue
        value = t.getText(0, t.characterCount)
        if value:
            return value
    return ""


def main():
    app_bin = os.environ["SOCKSCOPE_APP"]
    cli = os.environ["SOCKSCOPE_CLI"]
    scratch = tempfile.mkdtemp(prefix="sockscope-keyboard-")
    env = dict(os.environ)
    for var in ("NO_AT_BRIDGE", "GTK_A11Y"):
        env.pop(var, None)
    env.update(GDK_BACKEND="x11", GSK_RENDERER="cairo", GSETTINGS_BACKEND="memory",
               XDG_CONFIG_HOME=f"{scratch}/config", XDG_STATE_HOME=f"{scratch}/state",
               XDG_CACHE_HOME=f"{scratch}/cache")
    # fatal warnings would turn GTK's a11y chatter into a crash of the app under test
    env.pop("G_DEBUG", None)

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    procs.append(subprocess.Popen([cli, "serve-demo", "--port", str(port), "--no-tls"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL))
    url = f"ws://127.0.0.1:{port}/ws"
    wait("the demo server answers", lambda: subprocess.run([cli, "probe", url], capture_output=True).returncode == 0)

    log = open(f"{scratch}/app.log", "w")
    procs.append(subprocess.Popen([app_bin], env=env, stdout=log, stderr=subprocess.STDOUT))
    global app_log
    app_log = f"{scratch}/app.log"

    def the_app():
        for a in pyatspi.Registry.getDesktop(0):
            if a is not None and a.name == "sockscope":
                return a
        return None

    app = wait("sockscope shows on the accessibility bus", the_app, 120)
    # No window manager runs under Xvfb: X gives the keyboard to the window under the pointer, and
    # every window opens at the top left corner. The pointer rests there (it never clicks), so
    # the newest window has the keyboard, as a window manager would see to.
    pyatspi.Registry.generateMouseEvent(8, 8, "abs")
    wait("its window is Sockscope", lambda: find(app, "frame", "Sockscope"))

    # Shift+Ctrl+N: the connect dialog; its rows are reached by their mnemonics
    key("n", "Control_L", "Shift_L")
    wait("Shift+Ctrl+N opens Connection Settings", lambda: find(app, None, "Connection Settings"))
    key("u", "Alt_L")
    type_text(url)
    key("r", "Alt_L")
    type_text("demo")

    key("Return")

    # the tab joins
    # (GTK 4.8 does not offer an entry row's text over AT-SPI: what was typed shows in the result)
    wait("Enter connects to the URL typed after Alt+U, in the realm typed after Alt+R: the tab says Joined",
         lambda: find(app, "label", "Joined") and find(app, "label", "demo") and find(app, None, contains=url))
    wait("the dialog is gone", lambda: find(app, None, "Connection Settings") is None)

    # Alt+B: the side bar's Subscribe entry; the demo publishes demo.tick every second
    key("b", "Alt_L")
    type_text("demo.tick")
    key("Return")
    wait("Alt+B, a topic and Enter subscribe: demo.tick is listed", lambda: find(app, "label", "demo.tick"))
    wait("and its events arrive and are counted",
         lambda: find(app, "label", contains=" events · ") or find(app, "label", contains=" event · "))

    # Alt+T: the publish form's topic, then Ctrl+Enter publishes (acknowledged by the router)
    key("t", "Alt_L")
    type_text("test.keyboard")
    key("Return", "Control_L")
    wait("Alt+T, a topic and Ctrl+Enter publish: the form says Published (id …)",
         lambda: find(app, "label", contains="Published (id "))

    # Ctrl+W closes the tab; its log was never exported, so the app asks first
    key("w", "Control_L")
    wait("Ctrl+W asks before the log is lost", lambda: find(app, None, contains="Without Exporting"))
    key("t", "Alt_L")
    wait("Alt+T (Close Tab) closes it: the start page is back",
         lambda: find(app, "label", "Connect to a WebSocket server"))
    wait("and the question is gone", lambda: find(app, None, contains="Without Exporting") is None)

    print(f"1..{n}")
    for p in procs:
        p.terminate()


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - report any error as a failed test
        fail("the keyboard run", repr(e))

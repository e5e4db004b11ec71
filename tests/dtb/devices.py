#!/usr/bin/env python3
# What the IO server's device list must be for a device tree, worked out apart
# from the C reader: from dtc's text form of the tree, with the same rules
# (servers/io/devlist.c): every enabled node with a "compatible" but the root,
# its reg translated through each bus's ranges, its interrupts in the kernel's
# numbering. One line a device, as tests/host/test_io_devices.c prints them:
#   name | first compatible | base+size ... (or -, not-cpu, unsupported) | irq ... (or -)
# where an interrupt the kernel does not number is "none".
#   devices.py TREE.dtb > devices/TREE.txt
import re
import subprocess
import sys


def parse(dts):
    """The tree as nested dicts: name, props (raw text), children, parent."""
    root = {'name': '', 'props': {}, 'children': [], 'parent': None}
    cur = root
    for line in dts.split('\n'):
        text = line.strip()
        if not text or text.startswith('/dts-v1/') or text.startswith('/memreserve/'):
            continue
        if text.endswith('{'):
            name = text[:-1].strip()
            if name != '/':
                node = {'name': name, 'props': {}, 'children': [], 'parent': cur}
                cur['children'].append(node)
                cur = node
            continue
        if text == '};':
            cur = cur['parent'] or root
            continue
        m = re.match(r'([^=]+?)\s*=\s*(.*);$', text)
        if m:
            cur['props'][m.group(1)] = m.group(2)
            continue
        m = re.match(r'([^=;]+);$', text)
        if not m:
            raise ValueError(text)
        cur['props'][m.group(1)] = ''
    return root


def cells(value):
    out = []
    for group in re.findall(r'<([^>]*)>', value):
        out += [int(x, 16) for x in group.split()]
    return out


def strings(value):
    out = []
    for quoted in re.findall(r'"((?:[^"\\]|\\.)*)"', value):
        out += quoted.split('\\0')
    return out


def number(node, name, default):
    return cells(node['props'][name])[0] if name in node['props'] else default


def join(cs, n):
    value = 0
    for c in cs[:n]:
        value = value << 32 | c
    return value


def translate(node, address, size):
    """address on node's bus, in the CPU's space; None if it is not there."""
    bus = node['parent']
    while bus['parent'] is not None:
        child_a, child_s = number(bus, '#address-cells', 2), number(bus, '#size-cells', 1)
        parent_a = number(bus['parent'], '#address-cells', 2)
        if 'ranges' not in bus['props'] or child_s == 0:
            return None
        if bus['props']['ranges']:
            c, entry = cells(bus['props']['ranges']), child_a + parent_a + child_s
            for at in range(0, len(c), entry):
                start, to = join(c[at:], child_a), join(c[at + child_a:], parent_a)
                length = join(c[at + child_a + parent_a:], child_s)
                if start <= address and address - start < length and size <= length - (address - start):
                    address = to + address - start
                    break
            else:
                return None
        bus = bus['parent']
    return address


def registers(node):
    if 'reg' not in node['props']:
        return '-'
    bus = node['parent']
    a, s = number(bus, '#address-cells', 2), number(bus, '#size-cells', 1)
    if a > 2 or s > 2:
        return 'unsupported'
    c, out = cells(node['props']['reg']), []
    for at in range(0, len(c), a + s):
        base, size = join(c[at:], a), join(c[at + a:], s) if s else 0
        cpu = translate(node, base, size)
        if cpu is None:
            return 'not-cpu'
        out.append('%x+%x' % (cpu, size))
    return ' '.join(out)


def every(node):
    yield node
    for child in node['children']:
        yield from every(child)


def interrupt_parent(node):
    while node is not None:
        if 'interrupt-parent' in node['props']:
            return cells(node['props']['interrupt-parent'])[0]
        node = node['parent']
    return 0


GICS = ('arm,gic-400', 'arm,cortex-a15-gic', 'arm,cortex-a7-gic', 'arm,cortex-a9-gic')


def number_of(controllers, controller, spec):
    """The kernel's number for interrupt spec on controller, or None."""
    names = strings(controller['props'].get('compatible', ''))
    for _ in range(4):
        if 'allwinner,sun6i-a31-r-intc' not in names:
            break
        controller = controllers.get(interrupt_parent(controller))
        if controller is None:
            return None
        names = strings(controller['props'].get('compatible', ''))
    if any(g in names for g in GICS):
        if spec[0] == 0:
            return 32 + spec[1]
        return 16 + spec[1] if spec[0] == 1 and spec[1] < 16 else None
    if 'brcm,bcm2836-armctrl-ic' in names or 'brcm,bcm2835-armctrl-ic' in names:
        if spec[0] == 0:
            return 68 + spec[1] if spec[1] < 8 else None
        return 4 + 32 * (spec[0] - 1) + spec[1] if spec[0] in (1, 2) and spec[1] < 32 else None
    if 'brcm,bcm2836-l1-intc' in names:
        return spec[0] if spec[0] < 4 else None
    return None


def interrupts(root, node):
    if 'interrupts' not in node['props']:
        return '-'
    controllers = {cells(n['props']['phandle'])[0]: n for n in every(root)
                   if 'phandle' in n['props'] and 'interrupt-controller' in n['props']}
    controller = controllers.get(interrupt_parent(node))
    n = number(controller, '#interrupt-cells', 0) if controller else 0
    if not n:
        return 'none'
    spec = cells(node['props']['interrupts'])
    found = [number_of(controllers, controller, spec[at:at + n]) for at in range(0, len(spec), n)]
    return ' '.join('none' if x is None else str(x) for x in found)


def main(path):
    root = parse(subprocess.run(['dtc', '-I', 'dtb', '-O', 'dts', path],
                                capture_output=True, text=True, check=True).stdout)
    for node in every(root):
        if node is root or 'compatible' not in node['props']:
            continue
        status = strings(node['props'].get('status', '"okay"'))
        if 'okay' not in status and 'ok' not in status:
            continue
        print('%s | %s | %s | %s' % (node['name'], strings(node['props']['compatible'])[0],
                                     registers(node), interrupts(root, node)))


main(sys.argv[1])

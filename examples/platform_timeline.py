"""Which platforms and companies were hit by China's internet controls, and when?

Prints, for every platform in the bundled dataset, the policies that named it, the outcomes
that involved it and its exits, in date order.
"""

import policytrack as pt

data = pt.load_bundled()
for platform in data.platforms:
    history = pt.platform_timeline(data, platform.id)
    if not history.events:
        continue
    print(f"{history.name} ({platform.kind.value})")
    for event in history.events:
        when = event.date.edtf if event.date else "undated"
        print(f"    {when:<22} {event.kind.value:<8} {event.record}")

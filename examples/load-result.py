# Load `npx popflow ode examples/erf-flow.json --format csv --out erf.csv` with the standard library.
import csv, json

with open('erf.csv') as f:
    lines = f.read().splitlines()
meta = dict(l[2:].split(': ', 1) for l in lines if l.startswith('# '))
rows = list(csv.DictReader(l for l in lines if not l.startswith('#')))

spec = json.loads(meta['spec'])
t = [float(r['t']) for r in rows]
loss = [float(r['loss']) for r in rows]
print(f"popflow {meta['popflow']}, status {meta['status']}, activation {spec['model']['activation']}, {len(rows)} times")
print(f"eps_g({t[-1]:g}) = {loss[-1]:.3e}, R_11 = {rows[-1]['R_11']}")

try:  # plot when matplotlib is installed
    import matplotlib.pyplot as plt
    plt.loglog(t[1:], loss[1:])
    plt.xlabel('t'); plt.ylabel('eps_g'); plt.savefig('erf-python.png', dpi=150)
except ImportError:
    print('matplotlib is not installed: no plot')

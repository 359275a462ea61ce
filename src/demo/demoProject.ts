/** The example project the demo makes: a tiny iris-style classifier that needs nothing but python3. */
export const DEMO_TRAIN = `"""Nearest-centroid classifier on a few iris flowers: no packages needed."""
import json, os, sys

alpha = float(sys.argv[sys.argv.index('--alpha') + 1]) if '--alpha' in sys.argv else 0.5
rows = [l.split(',') for l in open('data/iris.csv').read().split()[1:]]
data = [([float(x) for x in r[:4]], r[4]) for r in rows]
centroids = {}
for features, label in data:
    c = centroids.setdefault(label, [0.0] * 5)
    for i, v in enumerate(features):
        c[i] += v
    c[4] += 1
centroids = {k: [v / c[4] * (1 - alpha * 0.1) for v in c[:4]] for k, c in centroids.items()}
def predict(x):
    return min(centroids, key=lambda k: sum((a - b) ** 2 for a, b in zip(x, centroids[k])))
accuracy = sum(predict(x) == y for x, y in data) / len(data)
print(f'alpha={alpha} accuracy={accuracy:.3f}')
os.makedirs('outputs', exist_ok=True)
json.dump(centroids, open('outputs/model.json', 'w'), indent=1)
with open(os.environ.get('AML_METRICS_FILE', os.devnull), 'a') as f:
    f.write(json.dumps({'name': 'accuracy', 'value': round(accuracy, 3)}) + '\\n')
`;

export const DEMO_DATA = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
4.9,3.0,1.4,0.2,setosa
4.7,3.2,1.3,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.4,3.2,4.5,1.5,versicolor
5.9,3.0,4.2,1.5,versicolor
6.3,3.3,6.0,2.5,virginica
5.8,2.7,5.1,1.9,virginica
7.1,3.0,5.9,2.1,virginica
6.0,2.2,5.0,1.5,virginica
`;

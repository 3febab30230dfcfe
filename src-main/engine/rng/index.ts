/** HELM's two random generators: numpy's legacy `RandomState` and CPython's `random`. */
export { Mt19937 } from './mt19937';
export { NumpyRandomState } from './numpy-random-state';
export { PythonRandom } from './python-random';

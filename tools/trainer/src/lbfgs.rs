//! L-BFGS with a backtracking (Armijo) line search, for the smooth convex objective of
//! L2-regularised logistic regression.
//!
//! Why hand-written: the problem is one small convex objective over sparse binary
//! features. The Rust crates that offer logistic regression (linfa-logistic, smartcore)
//! or L-BFGS (argmin) bring ndarray and a tree of dependencies and dense matrices the
//! sparse data does not fit; this is eighty lines, single-threaded and so deterministic:
//! the same corpus gives the same weights, bit for bit.

/// Minimises `f` from `x`; `f` returns the value and writes the gradient.
pub fn minimise(
    x: &mut [f64],
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    iterations: usize,
    memory: usize,
    tolerance: f64,
) -> f64 {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut value = f(x, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut direction = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    for _ in 0..iterations {
        // Two-loop recursion: direction = -H g.
        direction.copy_from_slice(&g);
        let k = s_hist.len();
        let mut alpha = vec![0.0; k];
        for i in (0..k).rev() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            alpha[i] = rho * dot(&s_hist[i], &direction);
            axpy(-alpha[i], &y_hist[i], &mut direction);
        }
        if k > 0 {
            let gamma = dot(&s_hist[k - 1], &y_hist[k - 1]) / dot(&y_hist[k - 1], &y_hist[k - 1]);
            direction.iter_mut().for_each(|d| *d *= gamma);
        } else {
            let norm = dot(&g, &g).sqrt().max(1e-12);
            direction.iter_mut().for_each(|d| *d /= norm);
        }
        for i in 0..k {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            let beta = rho * dot(&y_hist[i], &direction);
            axpy(alpha[i] - beta, &s_hist[i], &mut direction);
        }
        direction.iter_mut().for_each(|d| *d = -*d);
        let slope = dot(&g, &direction);
        if slope >= 0.0 {
            // Not a descent direction (numerical trouble): restart from the gradient.
            s_hist.clear();
            y_hist.clear();
            continue;
        }
        let mut step = 1.0;
        let mut accepted = false;
        let mut new_value = value;
        for _ in 0..30 {
            for i in 0..n {
                x_new[i] = x[i] + step * direction[i];
            }
            new_value = f(&x_new, &mut g_new);
            if new_value <= value + 1e-4 * step * slope {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
        let s: Vec<f64> = x_new.iter().zip(x.iter()).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(g.iter()).map(|(a, b)| a - b).collect();
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        let improvement = (value - new_value).abs() / value.abs().max(1.0);
        value = new_value;
        if dot(&s, &y) > 1e-10 {
            s_hist.push(s);
            y_hist.push(y);
            if s_hist.len() > memory {
                s_hist.remove(0);
                y_hist.remove(0);
            }
        }
        if improvement < tolerance {
            break;
        }
    }
    value
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_minimum_of_a_quadratic() {
        let mut x = vec![3.0, -2.0];
        let v = super::minimise(
            &mut x,
            |x, g| {
                g[0] = 2.0 * (x[0] - 1.0);
                g[1] = 8.0 * (x[1] + 0.5);
                (x[0] - 1.0).powi(2) + 4.0 * (x[1] + 0.5).powi(2)
            },
            100,
            5,
            1e-12,
        );
        assert!(
            v < 1e-8 && (x[0] - 1.0).abs() < 1e-3 && (x[1] + 0.5).abs() < 1e-3,
            "{x:?}"
        );
    }
}

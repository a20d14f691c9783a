//! Fairness simulation for the judging ranking (`hackday::domain::ranking`):
//! many simulated hack days whose projects have a hidden true quality, judged
//! by biased, noisy judges who each see a few projects. Prints, for the raw
//! mean and for the bias-corrected (normalised) ranking, how often the true
//! best project comes first, how often it is in the top 3, and the mean
//! Kendall tau between the ranking and the true order.
//!
//!   cargo run --release --example fairness -- --events 2000 --seed 1
//!
//! Not a test: it measures. The judge model below was fixed before looking
//! at the results and is not tuned to reach any target.

use clap::Parser;
use hackday::domain::ids::{CriterionId, PersonId, ProjectId};
use hackday::domain::ranking::{CriterionSpec, RankedProject, Score, TIE_EPSILON, rank, rank_raw};
use rand::distributions::Open01;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

#[derive(Parser, Debug)]
struct Args {
    /// Simulated events for each number of judges per project.
    #[arg(long, default_value_t = 2000)]
    events: usize,
    /// Seed of the random generator; the same seed gives the same figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Judges per project (K) to simulate, comma-separated.
    #[arg(long, value_delimiter = ',', default_values_t = [3, 5])]
    judges_per_project: Vec<usize>,
    /// Projects each judge sees (about; sets the number of judges).
    #[arg(long, default_value_t = 8)]
    per_judge: usize,
}

// The model, in points of the 1–5 scale unless said otherwise.
//
// A project's true quality is N(0, 1); on each criterion it is that plus
// N(0, 0.5), as projects are uneven (a great idea with a shaky demo). The
// truth is the weighted mean over criteria: what a perfect panel would pick.
// One standard deviation of quality is worth 0.8 points around a mid-scale
// 3, so a +2 SD project earns about 4.6 and the ends of the scale clip.
//
// A judge has a leniency (added to every mark) of N(0, 0.5) points, so judges'
// averages differ by up to about ±1 point, and a scale (how widely they
// spread their marks) of exp(N(0, 0.25)), roughly ×0.6 to ×1.6. Each judge
// also forms their own impression of each project, N(0, 0.5) points on all
// criteria alike (taste, what they happened to notice in a 3-minute demo),
// and each mark has N(0, 0.5) points of noise. Marks are rounded to whole
// numbers and clamped to 1–5, as on the form. The printed agreement between
// two judges of the same project (Pearson r of their weighted marks) is a
// check on realism: single-rater agreement in studies of panel review is
// often low (around 0.2–0.3 for grant proposals) and higher for trained raters
// with a rubric, so the 0.5 this model gives is if anything kind to judges.
const WEIGHTS: [f64; 5] = [2.0, 2.0, 1.0, 1.0, 1.0];
const PROJECTS: std::ops::RangeInclusive<usize> = 20..=60;
const CRITERION_SD: f64 = 0.5;
const POINTS_PER_SD: f64 = 0.8;
const LENIENCY_SD: f64 = 0.5;
const LOG_SCALE_SD: f64 = 0.25;
const IMPRESSION_SD: f64 = 0.5;
const NOISE_SD: f64 = 0.5;
/// The team's goal: the true best in the top 3 of this share of events at K = 3.
const GOAL_TOP3_PERCENT: f64 = 95.0;

/// One simulated event: the true quality of each project and the marks.
struct Event {
    truth: Vec<f64>,
    judges: usize,
    scores: Vec<Score>,
}

/// Running sums of the figures for one ranking method.
#[derive(Default)]
struct Tally {
    first: f64,
    top3: f64,
    tau: f64,
}

/// The figures for one number of judges per project, summed over events.
#[derive(Default)]
struct Results {
    raw: Tally,
    normalised: Tally,
    judges: usize,
    pairs: Vec<(f64, f64)>,
}

fn main() {
    let args = Args::parse();
    print_parameters(&args);
    let criteria: Vec<CriterionSpec> = (0..WEIGHTS.len())
        .map(|c| CriterionSpec {
            id: CriterionId(c as i64),
            weight: WEIGHTS[c],
            min: 1.0,
            max: 5.0,
        })
        .collect();
    println!("K  ranking      best first  best in top 3  Kendall tau  judges  agreement r");
    let mut verdicts = Vec::new();
    for &k in &args.judges_per_project {
        let results = run(&args, &criteria, k);
        let n = args.events as f64;
        let (judges, agreement) = (results.judges as f64 / n, pearson(&results.pairs));
        for (name, tally) in [
            ("raw mean", &results.raw),
            ("normalised", &results.normalised),
        ] {
            let (first, top3, tau) = (
                100.0 * tally.first / n,
                100.0 * tally.top3 / n,
                tally.tau / n,
            );
            println!(
                "{k:<2} {name:<12} {first:>10.1}% {top3:>13.1}% {tau:>12.3} {judges:>7.1} {agreement:>12.2}"
            );
        }
        verdicts.push((k, 100.0 * results.normalised.top3 / n));
    }
    print_verdict(&verdicts);
}

/// Simulates `args.events` events with `k` judges per project. Each K starts
/// from the same seed, so the K rows are comparable and repeatable.
fn run(args: &Args, criteria: &[CriterionSpec], k: usize) -> Results {
    let mut rng = StdRng::seed_from_u64(args.seed);
    let mut results = Results::default();
    for _ in 0..args.events {
        let event = simulate(&mut rng, k, args.per_judge);
        results.judges += event.judges;
        results
            .pairs
            .extend(first_two_judges(criteria, &event.scores));
        let raw = rank_raw(criteria, &event.scores);
        add(&mut results.raw, &event.truth, &raw, |p| p.raw_mean);
        let normalised = rank(criteria, &event.scores);
        add(&mut results.normalised, &event.truth, &normalised, |p| {
            p.normalised
        });
    }
    results
}

fn print_parameters(args: &Args) {
    println!(
        "Fairness simulation: {} events per K, seed {}",
        args.events, args.seed
    );
    println!(
        "  projects {}–{} (uniform); true quality N(0, 1), per criterion + N(0, {CRITERION_SD})",
        PROJECTS.start(),
        PROJECTS.end()
    );
    println!(
        "  criteria weighted {WEIGHTS:?}, whole marks 1–5; 1 SD of quality = {POINTS_PER_SD} points"
    );
    println!(
        "  judges: leniency N(0, {LENIENCY_SD}) points, scale ×exp(N(0, {LOG_SCALE_SD})), \
         impression of a project N(0, {IMPRESSION_SD}) points, noise per mark N(0, {NOISE_SD}) points"
    );
    println!(
        "  each judge sees about {} projects; judges = projects × K / {}; balanced random assignment",
        args.per_judge, args.per_judge
    );
    println!(
        "  ties split as by a coin toss; agreement r: two judges' weighted marks for the same project"
    );
    println!();
}

fn print_verdict(verdicts: &[(usize, f64)]) {
    println!();
    for &(k, top3) in verdicts {
        let met = if top3 >= GOAL_TOP3_PERCENT {
            "meets"
        } else {
            "does not meet"
        };
        println!(
            "K={k}: normalised ranking has the true best in the top 3 in {:.1}% of events; {met} the {:.0}% goal",
            top3, GOAL_TOP3_PERCENT
        );
    }
}

/// A standard normal draw (Box–Muller; `rand` 0.8 has no normal distribution
/// without `rand_distr`).
fn normal(rng: &mut StdRng) -> f64 {
    let (u, v): (f64, f64) = (rng.sample(Open01), rng.sample(Open01));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn simulate(rng: &mut StdRng, k: usize, per_judge: usize) -> Event {
    let projects = rng.gen_range(PROJECTS);
    let quality: Vec<Vec<f64>> = (0..projects)
        .map(|_| {
            let overall = normal(rng);
            WEIGHTS
                .iter()
                .map(|_| overall + CRITERION_SD * normal(rng))
                .collect()
        })
        .collect();
    let total: f64 = WEIGHTS.iter().sum();
    let truth = quality
        .iter()
        .map(|q| q.iter().zip(WEIGHTS).map(|(q, w)| q * w).sum::<f64>() / total)
        .collect();
    let judges = ((projects * k) as f64 / per_judge as f64)
        .round()
        .max(k as f64) as usize;
    let leniency: Vec<f64> = (0..judges).map(|_| LENIENCY_SD * normal(rng)).collect();
    let scale: Vec<f64> = (0..judges)
        .map(|_| (LOG_SCALE_SD * normal(rng)).exp())
        .collect();
    let mut scores = Vec::new();
    for (project, judge) in assign(rng, projects, judges, k) {
        let impression = IMPRESSION_SD * normal(rng);
        for (criterion, q) in quality[project].iter().enumerate() {
            let mark = 3.0
                + leniency[judge]
                + scale[judge] * (POINTS_PER_SD * q + impression)
                + NOISE_SD * normal(rng);
            let (judge, project, criterion) = (
                PersonId(judge as i64),
                ProjectId(project as i64),
                CriterionId(criterion as i64),
            );
            scores.push(Score {
                judge,
                project,
                criterion,
                value: mark.round().clamp(1.0, 5.0),
            });
        }
    }
    Event {
        truth,
        judges,
        scores,
    }
}

/// (project, judge) pairs giving each project `k` different judges: projects
/// in random order each take the least-loaded judges (random among equals),
/// so judges' loads differ by at most one and panels overlap at random.
fn assign(rng: &mut StdRng, projects: usize, judges: usize, k: usize) -> Vec<(usize, usize)> {
    let mut load = vec![0usize; judges];
    let mut order: Vec<usize> = (0..projects).collect();
    order.shuffle(rng);
    let mut pairs = Vec::new();
    for project in order {
        let mut candidates: Vec<usize> = (0..judges).collect();
        candidates.shuffle(rng);
        candidates.sort_by_key(|&j| load[j]);
        for &judge in &candidates[..k] {
            load[judge] += 1;
            pairs.push((project, judge));
        }
    }
    pairs
}

/// Adds one event's figures for a ranking, `key` being the score it ranks by.
/// Ties with the true best are split as a coin toss would: its chance of
/// each place it shares.
fn add(
    tally: &mut Tally,
    truth: &[f64],
    ranking: &[RankedProject],
    key: fn(&RankedProject) -> f64,
) {
    let best = (0..truth.len())
        .max_by(|&a, &b| truth[a].total_cmp(&truth[b]))
        .map_or(ProjectId(0), |p| ProjectId(p as i64));
    let mut estimate = vec![0.0; truth.len()];
    for p in ranking {
        estimate[p.project.0 as usize] = key(p);
    }
    let mine = ranking
        .iter()
        .find(|p| p.project == best)
        .expect("every project is scored");
    let shared = ranking.iter().filter(|p| p.rank == mine.rank).count();
    let above = mine.rank - 1;
    tally.first += if above == 0 { 1.0 / shared as f64 } else { 0.0 };
    tally.top3 += 3usize.saturating_sub(above).min(shared) as f64 / shared as f64;
    tally.tau += kendall_tau_b(truth, &estimate);
}

/// Kendall's tau-b between the true qualities (no ties) and the estimates
/// (ties counted as neither agreeing nor disagreeing).
fn kendall_tau_b(truth: &[f64], estimate: &[f64]) -> f64 {
    let (mut agree, mut disagree, mut tied) = (0.0, 0.0, 0.0);
    for i in 0..truth.len() {
        for j in i + 1..truth.len() {
            let difference = estimate[i] - estimate[j];
            if difference.abs() <= TIE_EPSILON {
                tied += 1.0;
            } else if difference * (truth[i] - truth[j]) > 0.0 {
                agree += 1.0;
            } else {
                disagree += 1.0;
            }
        }
    }
    let pairs = (truth.len() * truth.len().saturating_sub(1) / 2) as f64;
    let denominator = (pairs * (pairs - tied)).sqrt();
    if denominator > 0.0 {
        (agree - disagree) / denominator
    } else {
        0.0
    }
}

/// For each project, the weighted marks of its first two judges (by id):
/// pairs for measuring how well two judges agree.
fn first_two_judges(criteria: &[CriterionSpec], scores: &[Score]) -> Vec<(f64, f64)> {
    let mut marks: BTreeMap<(ProjectId, PersonId), f64> = BTreeMap::new();
    for s in scores {
        *marks.entry((s.project, s.judge)).or_default() +=
            criteria[s.criterion.0 as usize].weight * s.value;
    }
    let mut by_project: BTreeMap<ProjectId, Vec<f64>> = BTreeMap::new();
    for ((project, _), mark) in marks {
        by_project.entry(project).or_default().push(mark);
    }
    by_project
        .values()
        .filter(|m| m.len() >= 2)
        .map(|m| (m[0], m[1]))
        .collect()
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let (vx, vy): (f64, f64) = (
        pairs.iter().map(|(x, _)| (x - mx).powi(2)).sum(),
        pairs.iter().map(|(_, y)| (y - my).powi(2)).sum(),
    );
    cov / (vx * vy).sqrt()
}

use super::{Context, make_portfolio, parse_evidence, read_input, write_output};
use crate::cli::ClassifyArgs;
use crate::error::{Error, Result};
use crate::render::{self, Format};

pub fn run(ctx: &Context, args: &ClassifyArgs) -> Result<()> {
    let (rubric, rules) = ctx.rubric_and_rules(&args.rules)?;
    let name = args.input.display().to_string();
    let file = parse_evidence(&name, &read_input("evidence", &args.input)?)?;
    let portfolio = make_portfolio(file, &rubric, &rules, ctx.env.now, &ctx.decisions(&rubric)?);
    let format = Format::parse(&args.format)?;
    if format == Format::Html {
        return Err(Error::usage("classify writes json or md")
            .with_hint("use `evident report --format html` on its JSON output"));
    }
    let text = render::render(&portfolio, format, None)?;
    write_output(&text, args.output.as_deref())
}

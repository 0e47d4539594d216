namespace CampaignAnalytics.Frames;

/// <summary>The fixed column names of the frames built here (metric columns are named by the catalogue).</summary>
public static class ColumnNames
{
    /// <summary><c>campaign_id</c>: the campaign API identifier (string).</summary>
    public const string CampaignId = "campaign_id";

    /// <summary><c>date</c>: the calendar day as <c>yyyy-MM-dd</c> text (string).</summary>
    public const string Date = "date";

    /// <summary><c>channel</c>: the channel key, e.g. <c>ios_push</c> (string).</summary>
    public const string Channel = "channel";

    /// <summary><c>variation_api_id</c>: the variation API identifier, null when the element has none (string).</summary>
    public const string VariationApiId = "variation_api_id";

    /// <summary><c>variation_name</c>: the variation name, null when the element has none (string).</summary>
    public const string VariationName = "variation_name";

    /// <summary><c>metric</c>: the metric name (string): a JSON field name, a derived metric name or a dynamic field name.</summary>
    public const string Metric = "metric";

    /// <summary><c>value</c>: the metric's value (double; counts are exact up to 2^53).</summary>
    public const string Value = "value";

    /// <summary><c>derived</c>: true when the value is computed from other metrics rather than read from a field (bool).</summary>
    public const string Derived = "derived";

    /// <summary><c>period_start</c>: the first day of a rate's period, <c>yyyy-MM-dd</c> (string).</summary>
    public const string PeriodStart = "period_start";

    /// <summary><c>period_end</c>: the last day of a rate's period (inclusive), <c>yyyy-MM-dd</c> (string).</summary>
    public const string PeriodEnd = "period_end";

    /// <summary><c>rate</c>: the rate's name as declared in the schema, e.g. <c>UniqueClickRate</c> (string).</summary>
    public const string Rate = "rate";

    /// <summary><c>numerator</c>: the sum of the rate's numerator over the rows counted (double).</summary>
    public const string Numerator = "numerator";

    /// <summary><c>denominator</c>: the sum of the rate's denominator over the rows counted (double).</summary>
    public const string Denominator = "denominator";

    /// <summary><c>days</c>: how many days of a rate's period had data counted towards it (integer; see <c>RateRow.DaysCounted</c>).</summary>
    public const string Days = "days";

    /// <summary>
    /// <c>partial</c>: true when a rate's period, labelled by its full calendar dates, has fewer days with data than it
    /// has days (bool; see <c>RateRow.IsPartial</c>).
    /// </summary>
    public const string Partial = "partial";

    /// <summary><c>campaign_name</c>: the campaign's name (string; labels known).</summary>
    public const string CampaignName = "campaign_name";

    /// <summary><c>conversion_event</c>: the conversion event a count measures (labels known).</summary>
    public const string ConversionEvent = "conversion_event";

    /// <summary><c>json</c>: raw JSON text kept as sent (string).</summary>
    public const string Json = "json";
}

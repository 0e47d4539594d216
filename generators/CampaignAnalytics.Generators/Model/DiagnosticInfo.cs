using System;

namespace CampaignAnalytics.Generators.Model;

/// <summary>A location in a schema file as plain data (path, span, 0-based line and column).</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn);

/// <summary>
/// A diagnostic's descriptor without Roslyn: its id, title and message format (placeholders <c>{0}</c>, <c>{1}</c>).
/// Every instance is declared once in <c>DiagnosticTexts</c> (the constructor is not public), so a diagnostic always
/// names a real descriptor and never falls back to another one; value-equatable, as the pipeline's models are.
/// </summary>
internal sealed record DiagnosticKind
{
    internal DiagnosticKind(string id, string title, string format)
    {
        Id = id;
        Title = title;
        Format = format;
    }

    /// <summary>The id, e.g. <c>CAG008</c>.</summary>
    public string Id { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The message format.</summary>
    public string Format { get; }
}

/// <summary>
/// A diagnostic as plain, value-equatable data: the generator turns it into a Roslyn diagnostic only when it reports
/// it (<c>DiagnosticConversions</c>); the runtime library words it as an error (<c>DiagnosticTexts</c>).
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticKind Kind, LocationInfo? Location, EquatableArray<EquatableString> Arguments)
{
    /// <summary>The descriptor's id, e.g. <c>CAG008</c>.</summary>
    public string Id => Kind.Id;
}

/// <summary>A string that satisfies the IEquatable constraint of <see cref="EquatableArray{T}"/>.</summary>
internal readonly record struct EquatableString(string Value) : IEquatable<EquatableString>
{
    public override string ToString() => Value;
}

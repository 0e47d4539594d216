using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Generators.Model;

/// <summary>A location in a schema file as plain data (path, span, line and column).</summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(Line, Column), new LinePosition(EndLine, EndColumn)));
}

/// <summary>A diagnostic as plain, value-equatable data, turned into a Roslyn diagnostic only when reported.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<EquatableString> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i].Value;
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
    }
}

/// <summary>A string that satisfies the IEquatable constraint of <see cref="EquatableArray{T}"/>.</summary>
internal readonly record struct EquatableString(string Value) : IEquatable<EquatableString>
{
    public override string ToString() => Value;
}

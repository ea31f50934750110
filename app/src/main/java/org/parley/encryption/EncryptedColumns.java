package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.CollectionPart;
import org.hibernate.metamodel.mapping.ModelPart;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.springframework.stereotype.Component;

/**
 * Every column mapped with {@link EncryptedText} or {@link EncryptedBytes}, found in Hibernate's mapping model, so a
 * feature that encrypts a new column needs nothing but the {@code @Convert}: the re-encryption job covers it too.
 * Each comes with the columns that identify its rows (the entity's id, or a collection's owner key and map key).
 * Discovery refuses a converter that binds its values to another column than the one it is used on, or one converter
 * class on two columns (a copy-paste slip that would let values move between those columns unnoticed).
 * The {@link RowBoundColumn}s features declare are added, marked row-bound.
 */
@Component
class EncryptedColumns {

    /**
     * One encrypted column. A converted column's values are bound to its table and column; a row-bound one
     * ({@link RowBoundColumn}) is text with a single key column, its values bound to their row as well.
     */
    record Column(String table, List<String> keyColumns, String column, boolean binary, boolean rowBound) {
        Column(String table, List<String> keyColumns, String column, boolean binary) {
            this(table, keyColumns, column, binary, false);
        }

        String name() {
            return table + "." + column;
        }

        /** Where the row with these key values is: the row for a row-bound column, else the column alone. */
        RowBinding binding(Object[] keys) {
            return rowBound ? new RowBinding(table, column, String.valueOf(keys[0]))
                    : RowBinding.column(table, column);
        }
    }

    private final EntityManagerFactory entityManagerFactory;
    private final List<RowBoundColumn> rowBound;
    private volatile List<Column> columns;

    EncryptedColumns(EntityManagerFactory entityManagerFactory, List<RowBoundColumn> rowBound) {
        this.entityManagerFactory = entityManagerFactory;
        this.rowBound = List.copyOf(rowBound);
    }

    /** The encrypted columns, by table and column name. */
    List<Column> all() {
        List<Column> found = columns;
        if (found == null) {
            found = discover();
            columns = found;
        }
        return found;
    }

    private List<Column> discover() {
        List<Column> found = new ArrayList<>();
        // Converter classes by the column they were found on, to refuse one class on two columns.
        Map<String, List<Class<?>>> converterClasses = new HashMap<>();
        SessionFactoryImplementor sessionFactory = entityManagerFactory.unwrap(SessionFactoryImplementor.class);
        sessionFactory.getMappingMetamodel().forEachEntityDescriptor(entity -> {
            List<String> ids = columnsOf(entity.getIdentifierMapping());
            entity.forEachAttributeMapping(attribute -> {
                if (attribute instanceof BasicValuedModelPart basic) {
                    converterOf(basic).ifPresent(binary -> found.add(checked(basic,
                            new Column(basic.getContainingTableExpression(), ids, basic.getSelectionExpression(),
                                    binary), converterClasses)));
                } else if (attribute instanceof PluralAttributeMapping plural
                        && plural.getElementDescriptor() instanceof BasicValuedModelPart element) {
                    converterOf(element).ifPresent(binary -> {
                        List<String> keys = new ArrayList<>(columnsOf(plural.getKeyDescriptor().getKeyPart()));
                        CollectionPart index = plural.getIndexDescriptor();
                        if (index != null) {
                            keys.addAll(columnsOf(index));
                        }
                        found.add(checked(element, new Column(element.getContainingTableExpression(),
                                List.copyOf(keys), element.getSelectionExpression(), binary), converterClasses));
                    });
                }
            });
        });
        for (RowBoundColumn bound : rowBound) {
            found.add(new Column(bound.table(), List.of(bound.keyColumn()), bound.column(), false, true));
        }
        // An entity hierarchy reports an inherited column once per entity: keep it once.
        List<Column> columns = found.stream().collect(Collectors.toMap(Column::name, c -> c, (a, b) -> a,
                TreeMap::new)).values().stream().toList();
        Map<Class<?>, String> columnOfConverter = new HashMap<>();
        for (Column column : columns) {
            converterClasses.getOrDefault(column.name(), List.of()).forEach(type -> {
                String other = columnOfConverter.putIfAbsent(type, column.name());
                if (other != null && !other.equals(column.name())) {
                    throw new IllegalStateException(type.getName() + " converts both " + other + " and "
                            + column.name() + ": each encrypted column needs a converter of its own.");
                }
            });
        }
        return columns;
    }

    /**
     * The column, once its converter is known to bind the values to this very table and column: a converter that
     * names another place would write values that the job (which binds by the mapping) could not read.
     */
    private static Column checked(BasicValuedModelPart part, Column column,
                                  Map<String, List<Class<?>>> converterClasses) {
        JpaAttributeConverter<?, ?> jpa = (JpaAttributeConverter<?, ?>) part.getJdbcMapping().getValueConverter();
        Object converter = jpa.getConverterBean().getBeanInstance();
        RowBinding place = converter instanceof EncryptedText text ? text.place()
                : ((EncryptedBytes) converter).place();
        if (!place.table().equalsIgnoreCase(column.table()) || !place.column().equalsIgnoreCase(column.column())) {
            throw new IllegalStateException(converter.getClass().getName() + " binds its values to "
                    + place.table() + "." + place.column() + " but converts " + column.name()
                    + ": name the column it is used on.");
        }
        converterClasses.computeIfAbsent(column.name(), n -> new ArrayList<>()).add(converter.getClass());
        return column;
    }

    /** Whether the part is converted by one of ours: empty when not, else whether it is binary. */
    private static Optional<Boolean> converterOf(BasicValuedModelPart part) {
        BasicValueConverter<?, ?> converter = part.getJdbcMapping().getValueConverter();
        if (converter instanceof JpaAttributeConverter<?, ?> jpa) {
            Class<? extends AttributeConverter<?, ?>> type = converterClass(jpa);
            if (EncryptedText.class.isAssignableFrom(type)) {
                return Optional.of(false);
            }
            if (EncryptedBytes.class.isAssignableFrom(type)) {
                return Optional.of(true);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends AttributeConverter<?, ?>> converterClass(JpaAttributeConverter<?, ?> converter) {
        return (Class<? extends AttributeConverter<?, ?>>) converter.getConverterJavaType().getJavaTypeClass();
    }

    private static List<String> columnsOf(ModelPart part) {
        List<String> names = new ArrayList<>();
        part.forEachSelectable((index, selectable) -> names.add(selectable.getSelectionExpression()));
        return List.copyOf(names);
    }
}
